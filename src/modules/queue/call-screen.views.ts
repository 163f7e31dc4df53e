import { html } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { callScreenMessages } from './call-screen.messages.ts';
import type { CallScreen } from './call-screen.usecases.ts';

// The waiting room's screen: references and counters in very large type, the latest call marked, a
// live region that says each new call; js/call-screen.js polls the JSON twin every 3 seconds, and
// without JavaScript the page reloads itself every 15.

/** Without JavaScript the screen reloads every this many seconds. */
const RELOAD_SECONDS = 15;

/** /sites/ID/appel. */
export function callScreenView(page: PageContext, model: CallScreen): PageView {
  const m = messagesFor(callScreenMessages, page.locale);
  const latest = model.calls[0];
  return {
    title: m.title(model.siteName),
    bare: true,
    reloadWithoutScript: RELOAD_SECONDS,
    scripts: ['js/call-screen.js'],
    main: html`<div class="creneau-calls" data-calls-feed="/api/v1/sites/${String(model.siteId)}/calls" data-announce="${m.announce('{reference}', '{counter}')}" data-none="${m.none}">
<h1 class="creneau-calls__title">${m.heading}<span class="creneau-calls__site">${model.siteName}</span></h1>
<p class="creneau-calls__intro">${m.intro}</p>
<p class="creneau-calls__live" role="status" aria-live="polite" aria-atomic="true" data-calls-live>${latest ? m.announce(latest.reference, latest.counter) : ''}</p>
<table class="creneau-calls__table">
<caption>${m.caption}</caption>
<thead><tr><th scope="col">${m.reference}</th><th scope="col">${m.counter}</th></tr></thead>
<tbody data-calls-rows>
${
  model.calls.length === 0
    ? html`<tr><td colspan="2">${m.none}</td></tr>`
    : model.calls.map(
        (call, i) =>
          html`<tr${i === 0 ? html` class="creneau-calls__latest"` : ''} data-call="${call.reference}|${call.calledAt.toISOString()}"><td dir="ltr">${call.reference}</td><td>${call.counter}</td></tr>`,
      )
}
</tbody>
</table>
</div>`,
  };
}
