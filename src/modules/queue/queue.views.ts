import { backOfficeChrome } from '../agents/backoffice.ts';
import type { BookingStatus } from '../booking/statuses.ts';
import { localTime } from '../schedule/timezone.ts';
import { alert, csrfField, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import type { CounterChoicePage } from './counter-choice.usecases.ts';
import { queueMessages } from './queue.messages.ts';
import type { QueueRow } from './queue.repository.ts';
import { type PageAction, QUEUE_SECTIONS } from './queue.rules.ts';
import type { QueuePage } from './queue-page.usecases.ts';

// The counter loop's back-office pages: the choice of one's counter, and the day's queue with one
// small form per allowed action (works without JavaScript; js/queue.js refreshes the lists).

type Texts = (typeof queueMessages)['fr'];

/** /agents/mon-guichet. */
export function counterChoiceView(page: PageContext, model: CounterChoicePage): PageView {
  const m = messagesFor(queueMessages, page.locale).choice;
  const chosen = (siteId: number, counter: string) =>
    model.seat?.siteId === siteId && model.seat.counter === counter;
  const current = model.seat && model.sites.find((s) => s.id === model.seat?.siteId);
  return {
    title: m.title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'counter'),
    main: html`<h1>${m.title}</h1>
${model.error ? alert('error', m.unknown) : ''}
${current && model.seat ? alert('info', m.current(model.seat.counter, current.name)) : ''}
<p>${m.intro}</p>
<form method="post" action="/agents/mon-guichet" class="fr-mb-4w">
${csrfField(page.csrf)}
<div class="fr-select-group${model.error ? ' fr-select-group--error' : ''}">
<label class="fr-label" for="seat">${m.label}</label>
<select class="fr-select" id="seat" name="seat"${model.error ? html` aria-invalid="true"` : ''}>
${model.sites.map(
  (site) => html`<optgroup label="${site.name}">
${site.counters.map(
  (counter) =>
    html`<option value="${String(site.id)}|${counter}"${chosen(site.id, counter) ? html` selected` : ''}>${counter} — ${site.name}</option>`,
)}
</optgroup>`,
)}
<option value="none">${m.none}</option>
</select>
</div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.submit}</button></li>
<li><a class="fr-btn fr-btn--tertiary" href="/agents">${m.skip}</a></li>
</ul>
</form>`,
  };
}

/** The actions a row's status allows, in the order of the buttons. */
function actionsFor(row: Pick<QueueRow, 'status' | 'callCount'>, callsBeforeMissed: number): PageAction[] {
  const byStatus: Partial<Record<BookingStatus, PageAction[]>> = {
    waiting: ['call', 'no_show'],
    called: [
      'serve',
      ...(row.callCount < callsBeforeMissed ? (['recall'] as const) : (['miss'] as const)),
      'requeue',
    ],
    served: ['finish'],
    missed: ['requeue', 'no_show'],
  };
  return [...(byStatus[row.status] ?? []), 'undo'];
}

function actionForm(page: PageContext, m: Texts, reference: string, action: PageAction): SafeHtml {
  const kind =
    action === 'call' || action === 'serve' || action === 'finish' ? 'fr-btn' : 'fr-btn fr-btn--secondary';
  return html`<form method="post" action="/agents/file" class="creneau-inline-form">
${csrfField(page.csrf)}<input type="hidden" name="reference" value="${reference}"><input type="hidden" name="action" value="${action}">
<button class="${kind} fr-btn--sm" type="submit" aria-label="${m.queue.actions[action as keyof Texts['queue']['actions']]} — ${reference}">${m.queue.actions[action as keyof Texts['queue']['actions']]}</button>
</form>`;
}

function rowOf(page: PageContext, m: Texts, model: QueuePage, row: QueueRow): SafeHtml {
  const seat = model.seat;
  if (!seat) return html``;
  const zone = seat.site.timezone;
  const waited = row.checkedInAt
    ? m.queue.minutes(Math.max(0, Math.floor((model.now.getTime() - row.checkedInAt.getTime()) / 60_000)))
    : '';
  const actions = actionsFor(row, seat.site.callsBeforeMissed).map((a) =>
    actionForm(page, m, row.reference, a),
  );
  return html`<tr><td>${row.reference}</td><td>${row.lastName} ${row.firstName}</td><td>${localTime(row.startsAt, zone)}</td><td>${row.status === 'waiting' ? waited : ''}</td><td>${row.status === 'called' || row.status === 'served' ? (row.counter ?? '') : ''}</td><td>${row.status === 'called' || row.status === 'missed' ? String(row.callCount) : ''}</td><td><div class="creneau-row-actions">${actions}</div></td></tr>`;
}

function section(page: PageContext, m: Texts, model: QueuePage, status: BookingStatus): SafeHtml {
  const title = m.queue.sections[status as keyof Texts['queue']['sections']];
  const rows = model.rows.filter((r) => r.status === status);
  const c = m.queue.columns;
  const body =
    rows.length === 0
      ? [html`<tr><td colspan="7">${m.queue.empty}</td></tr>`]
      : rows.map((row) => rowOf(page, m, model, row));
  return html`<h2 id="section-${status}">${title} <span class="fr-badge fr-badge--sm">${String(rows.length)}</span></h2>
${table(title, [c.reference, c.name, c.time, c.waited, c.counter, c.calls, c.actions], body)}`;
}

function notice(m: Texts, model: QueuePage): SafeHtml | string {
  if (model.refused) return alert('error', m.queue.refused[model.refused] ?? m.queue.refused.other ?? '');
  if (model.done) return alert('success', m.queue.done[model.done]);
  return '';
}

/** /agents/file. */
export function queueView(page: PageContext, model: QueuePage): PageView {
  const m = messagesFor(queueMessages, page.locale);
  const chrome = backOfficeChrome(page, model.principal, 'queue');
  if (!model.seat)
    return {
      title: m.queue.title,
      ...chrome,
      main: html`<h1>${m.queue.title}</h1>
${notice(m, model)}
${alert('info', m.queue.noSeat)}
<p><a class="fr-btn" href="/agents/mon-guichet">${m.queue.chooseSeat}</a></p>`,
    };
  const seat = model.seat;
  return {
    title: m.queue.title,
    scripts: ['js/queue.js'],
    ...chrome,
    main: html`<h1>${m.queue.title}</h1>
<p class="fr-text--lead">${m.queue.seat(seat.counter, seat.site.name)} — <a class="fr-link" href="/agents/mon-guichet">${m.queue.change}</a></p>
<p><a class="fr-link" href="/sites/${String(seat.site.id)}/appel" target="_blank" rel="noopener">${m.queue.screen}</a></p>
${notice(m, model)}
<form method="post" action="/agents/file" class="fr-mb-4w">
${csrfField(page.csrf)}<input type="hidden" name="action" value="next">
<button class="fr-btn fr-btn--lg" type="submit">${m.queue.next}</button>
</form>
<div data-queue-region data-queue-feed="/agents/file">
<p class="fr-text--sm">${m.queue.updated}</p>
${QUEUE_SECTIONS.map((status) => section(page, m, model, status))}
</div>`,
  };
}
