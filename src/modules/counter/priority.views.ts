import { alert, csrfField } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { type Refusal, refusalText } from './refusals.messages.ts';
import { revocationMessages } from './revocation.messages.ts';

// /rendez-vous/priorite?token=…: the revoked person's slots to book again first, and the answer.

export type PriorityPage =
  | {
      kind: 'choose';
      token: string;
      expiresAt: Date;
      timezone: string;
      slots: { id: number; start: string; site: string; held: boolean }[];
      problem?: Refusal;
    }
  | { kind: 'booked'; reference: string }
  | { kind: 'problem'; refusal: Refusal; status: number };

/** Formats an ISO 8601 start with its offset as the office's local date and time. */
function when(start: string, locale: PageContext['locale'], timezone: string): string {
  return formatDateTime(new Date(start), timezone, locale, { date: 'full', time: 'short' });
}

export function priorityView(page: PageContext, model: PriorityPage): PageView {
  const m = messagesFor(revocationMessages, page.locale);
  if (model.kind === 'problem')
    return {
      title: m.linkProblem,
      status: model.status,
      main: html`<h1>${m.linkProblem}</h1>${alert('error', refusalText(page.locale, 'priority', model.refusal))}`,
    };
  if (model.kind === 'booked')
    return {
      title: m.priorityTitle,
      main: html`<h1>${m.priorityTitle}</h1>${alert('success', m.booked(model.reference))}`,
    };
  const until = formatDateTime(model.expiresAt, model.timezone, page.locale, { date: 'full', time: 'short' });
  const choices = model.slots.map(
    (slot, i) => html`<div class="fr-fieldset__element"><div class="fr-radio-group">
<input type="radio" id="slot-${String(slot.id)}" name="slotId" value="${String(slot.id)}"${i === 0 ? html` checked` : ''}>
<label class="fr-label" for="slot-${String(slot.id)}">${when(slot.start, page.locale, model.timezone)} — ${slot.site}${
      slot.held ? html` <span class="fr-badge fr-badge--success fr-badge--sm fr-ml-1w">${m.kept}</span>` : ''
    }</label>
</div></div>`,
  );
  return {
    title: m.priorityTitle,
    status: model.problem ? 409 : 200,
    main: html`<h1>${m.priorityTitle}</h1>
${model.problem ? alert('error', refusalText(page.locale, 'priority', model.problem)) : ''}
<p>${m.priorityIntro(until)}</p>
${
  choices.length === 0
    ? html`<p>${m.noSlot}</p>`
    : html`<form method="post" action="/rendez-vous/priorite">
${csrfField(page.csrf)}
<input type="hidden" name="token" value="${model.token}">
<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${m.slots}</legend>
${choices}
</fieldset>
<button class="fr-btn" type="submit">${m.book}</button>
</form>`
}`,
  };
}
