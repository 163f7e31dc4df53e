import type { BookingDetails } from '../booking/booking.repository.ts';
import { orLinkProblemView } from '../booking/link-problem.ts';
import { addDays, localTime } from '../schedule/timezone.ts';
import type { Office } from '../schedule/week.repository.ts';
import type { FreeWeek } from '../schedule/week.usecases.ts';
import { csrfField, errorSummary } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { bookingSummary, downloadLinks, tokenQuery } from './manage.components.ts';
import { manage } from './manage.messages.ts';

// "Changer de créneau": free slots of the same procedure in the département, then an atomic move.

const PATH = '/rendez-vous/changer';

/** What the change-of-slot page reads from its link: the booking, and the office and week asked for. */
export interface MoveInput {
  token: string;
  reference: string;
  site: string;
  week: string;
}

/** What the change-of-slot page shows, with why the last choice was refused when it was. */
export interface MoveChoice {
  token: string;
  booking: BookingDetails;
  /** The offices with a free slot, the earliest first; the chosen one's week of slots. */
  offices: Office[];
  office: Office | undefined;
  week: FreeWeek | undefined;
  error?: 'missing' | 'full' | 'past' | 'not_offered';
  status?: number;
}

/** The moved booking, and the token its page's links carry on. */
export interface Moved {
  moved: BookingDetails;
  token: string;
}

/** Offices, a week of the chosen office's free slots as radios, and the button that moves. */
export const moveChoiceView = orLinkProblemView((page: PageContext, model: MoveChoice | Moved): PageView => {
  if ('moved' in model) return movedView(page, model);
  const { locale } = page;
  const m = messagesFor(manage, locale);
  const c = messagesFor(common, locale);
  const messages = {
    missing: m.move.chooseSlot,
    full: m.move.slotFull,
    past: m.move.slotPast,
    not_offered: m.move.slotNotOffered,
  };
  const errors = model.error ? [{ field: 'slotId', code: model.error, message: messages[model.error] }] : [];
  const choice =
    model.office && model.week
      ? weekChoice(page, model, model.office, model.week)
      : html`<div class="fr-alert fr-alert--info fr-mb-4w"><p>${m.move.noSlot}</p></div>`;
  return {
    title: errors.length ? `${c.errorPrefix} ${m.move.title}` : m.move.title,
    status: model.status,
    main: html`<h1>${m.move.title}</h1>
${errorSummary(locale, errors, { slotId: m.move.title })}
<p>${m.move.intro}</p>
${bookingSummary(model.booking, locale, m.move.current)}
${choice}`,
  };
});

function weekChoice(page: PageContext, model: MoveChoice, office: Office, week: FreeWeek): SafeHtml {
  const { locale } = page;
  const m = messagesFor(manage, locale);
  const zone = model.booking.timezone;
  const base = tokenQuery(model.token, model.booking.reference);
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  const longDay = (day: string) => formatDateTime(at(day), 'UTC', locale, { date: 'full' });
  const shortDay = (day: string) => formatDateTime(at(day), 'UTC', locale, { date: 'short' });
  const weekLink = (day: string) => `${PATH}?${base}&site=${office.siteId}&semaine=${day}`;
  const officeNav = html`<nav aria-label="${m.move.offices}"><h2 class="fr-h5">${m.move.offices}</h2><ul>
${model.offices.map(
  (o) =>
    html`<li><a class="fr-link" href="${PATH}?${base}&site=${o.siteId}"${o.siteId === office.siteId ? html` aria-current="page"` : ''}>${o.name}</a> — ${m.move.firstFree(formatDateTime(o.nextFree ?? new Date(0), zone, locale))}</li>`,
)}
</ul></nav>`;
  // The first radio carries the id the error summary links to.
  const firstId = week.days[0]?.slots[0]?.id;
  const radioId = (id: string) => (id === firstId ? 'slotId' : `creneau-${id}`);
  const dayGroups = week.days.map(
    ({
      date: day,
      slots,
    }) => html`<fieldset class="fr-fieldset" id="jour-${day}" aria-labelledby="jour-${day}-legende">
<legend class="fr-fieldset__legend" id="jour-${day}-legende">${m.move.slotsOf(longDay(day))}</legend>
${slots.map(
  (slot) => html`<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group">
<input type="radio" id="${radioId(slot.id)}" name="slotId" value="${slot.id}">
<label class="fr-label" for="${radioId(slot.id)}">${localTime(slot.startsAt, zone)}</label>
</div></div>`,
)}
</fieldset>`,
  );
  return html`${officeNav}
<h2 class="fr-h5">${office.name} — ${m.move.week(shortDay(week.monday), shortDay(week.sunday))}</h2>
<ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
${week.monday > week.thisMonday ? html`<li><a class="fr-btn fr-btn--tertiary" href="${weekLink(addDays(week.monday, -7))}">${m.move.previousWeek}</a></li>` : ''}
<li><a class="fr-btn fr-btn--tertiary" href="${weekLink(addDays(week.monday, 7))}">${m.move.nextWeek}</a></li>
</ul>
${
  week.days.length === 0
    ? html`<p>${m.move.noSlotThisWeek}</p>`
    : html`<form method="post" action="${PATH}">
${csrfField(page.csrf)}
<input type="hidden" name="token" value="${model.token}">
<input type="hidden" name="reference" value="${model.booking.reference}">
${dayGroups}
<button class="fr-btn" type="submit">${m.move.submit}</button>
</form>`
}`;
}

/** The booking moved: its new time, its new convocation, the way back to the list. */
function movedView({ locale }: PageContext, { moved, token }: Moved): PageView {
  const m = messagesFor(manage, locale);
  return {
    title: m.move.doneTitle,
    main: html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.move.doneTitle}</h1>
<p>${m.move.done}</p>
</div>
${bookingSummary(moved, locale)}
${moved.status === 'confirmed' ? downloadLinks(locale, tokenQuery(token, moved.reference)) : ''}
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/rendez-vous/gerer?${tokenQuery(token)}">${m.manage.backToList}</a></p>`,
  };
}
