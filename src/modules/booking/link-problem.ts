import { AppError } from '../../errors.ts';
import { html } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView, View } from '../web/web.plugin.ts';
import { linkProblems } from './booking.messages.ts';

// An emailed link that cannot be used (bad, expired or used token; an action no longer possible) is
// not a fault: the pages behind the links answer it with a page saying what to do next.

/** A booking error met by a page behind an emailed link: its code, its status, its French message. */
export interface LinkProblem {
  problem: { code: string; status: number; message: string };
}

/** Whether a use case's answer is a link problem rather than its view-model. */
export function isLinkProblem(value: unknown): value is LinkProblem {
  const problem = (value as Partial<LinkProblem> | null)?.problem;
  return typeof problem === 'object' && problem !== null && typeof problem.code === 'string';
}

/** The link problem a booking error makes; any other error is rethrown, to be a fault. */
export function linkProblemOf(error: unknown): LinkProblem {
  if (!(error instanceof AppError)) throw error;
  return { problem: { code: error.code, status: error.status, message: error.message } };
}

/** The answer of `work`, or the link problem its booking error makes. */
export async function orLinkProblem<T>(work: () => Promise<T>): Promise<T | LinkProblem> {
  try {
    return await work();
  } catch (error) {
    return linkProblemOf(error);
  }
}

/** The page of a link problem: what went wrong in the page's language, a new link, a new booking. */
export function linkProblemView({ locale }: PageContext, { problem }: LinkProblem): PageView {
  const m = messagesFor(linkProblems, locale);
  // A code without words of its own shows the French message, which is meant for people.
  const message = m.codes[problem.code] ?? (locale === 'fr' ? problem.message : m.other);
  return {
    title: m.title,
    status: problem.status,
    main: html`<h1>${m.title}</h1>
<div class="fr-alert fr-alert--error fr-mb-4w"><p>${message}</p></div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="/rendez-vous/gerer">${m.newLink}</a></li>
<li><a class="fr-btn fr-btn--secondary" href="/">${m.newBooking}</a></li>
</ul>`,
  };
}

/** A view that shows the link problem when the use case met one, else the view-model. */
export function orLinkProblemView<M>(view: View<M>): View<M | LinkProblem> {
  return (page, model) => (isLinkProblem(model) ? linkProblemView(page, model) : view(page, model));
}
