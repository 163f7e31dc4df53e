import { html } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { backOffice } from './backoffice.messages.ts';
import { backOfficeChrome } from './backoffice.ts';
import type { Principal } from './permissions.ts';

/** The back office's home: who is signed in and the roles they hold, each on its scope. */
export function homeView(page: PageContext, principal: Principal): PageView {
  const m = messagesFor(backOffice, page.locale);
  return {
    title: m.home.title,
    ...backOfficeChrome(page, principal, 'home'),
    main: html`<h1>${m.home.title}</h1>
<p class="fr-text--lead">${m.home.intro(principal.name)}</p>
<h2>${m.home.grantsTitle}</h2>
${
  principal.grants.length === 0
    ? html`<p>${m.home.noGrant}</p>`
    : html`<ul>${principal.grants.map((grant) => html`<li>${m.roles[grant.role]} — ${m.scope(grant.scope)}</li>`)}</ul>`
}`,
  };
}
