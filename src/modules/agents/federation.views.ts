import { alert } from '../web/components.ts';
import { html } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { AFTER_SIGN_IN_PATH, SIGN_IN_PATH } from './auth.ts';
import { FEDERATION_PATH } from './federation.client.ts';
import { federation } from './federation.messages.ts';
import type { FederationProblem } from './federation.usecases.ts';

// The choice of one's counter, which sends on to /agents those who have none to choose.
const HOME = AFTER_SIGN_IN_PATH;

const STATUS: Record<FederationProblem['problem'], number> = {
  account: 403,
  second_factor: 403,
  failed: 400,
  unavailable: 503,
};

/**
 * Why the sign-in through ProConnect did not open the back office, and the way on: again with
 * ProConnect, or with a password. An unknown and a deactivated account read the same.
 */
export function federationProblemView(page: PageContext, { problem }: FederationProblem): PageView {
  const m = messagesFor(federation, page.locale);
  const { title, text, help } =
    problem === 'account'
      ? m.account
      : problem === 'second_factor'
        ? m.secondFactor
        : { ...m[problem], help: undefined };
  return {
    title,
    status: STATUS[problem],
    main: html`<h1>${title}</h1>
${alert(problem === 'unavailable' ? 'warning' : 'error', text)}
${help ? html`<p>${help}</p>` : ''}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="${FEDERATION_PATH}">${m.retry}</a></li>
<li><a class="fr-btn fr-btn--secondary" href="${SIGN_IN_PATH}">${m.passwordSignIn}</a></li>
</ul>`,
  };
}

/**
 * The step between the provider's callback and the back office. The browser arrives here by
 * redirects from the provider's site, so it has not sent the SameSite=Strict session cookie; this
 * page goes on to the back office by a navigation of its own (same-site), which sends it. Without a session,
 * /agents sends the browser to the sign-in page: the page claims nothing it cannot know.
 */
export function federationContinueView(page: PageContext): PageView {
  const m = messagesFor(federation, page.locale).continuing;
  return {
    title: m.title,
    refresh: HOME,
    main: html`<h1>${m.title}</h1>
<p>${m.text}</p>
<p><a class="fr-btn" href="${HOME}">${m.link}</a></p>`,
  };
}
