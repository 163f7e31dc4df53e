import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import {
  choiceFieldset,
  inLanguage,
  longDay,
  savedAlert,
  select,
  siteBreadcrumb,
  strandedBookings,
} from './schedule.components.ts';
import { RELEASE_MODES } from './schedule.input.ts';
import { schedule } from './schedule.messages.ts';
import { closuresPath, durationPath, hoursPath, offerPath, publicationPath } from './schedule.paths.ts';
import type { HoursPage } from './schedule-pages.usecases.ts';

// The hours page of an offer (/agents/services/:siteId/offres/:offerId/horaires): its opening rules,
// the next slots they gave, its publication policy and its procedure's duration.

type Texts = (typeof schedule)['fr'];
const BLANK_ROWS = 3;
const RULE_FIELDS = ['weekday', 'startsAt', 'endsAt', 'capacity', 'validFrom', 'validUntil'] as const;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The label of every field the page's error summary may name. */
function labels(m: Texts, rows: number): Record<string, string> {
  const h = m.hours;
  const named: Record<string, string> = {
    rules: h.rulesTitle,
    publicationDays: h.publicationDays,
    mode: h.mode,
    weekdays: h.releaseWeekdays,
    time: h.time,
    windowStart: h.windowStart,
    windowEnd: h.windowEnd,
    durationMinutes: h.durationMinutes,
  };
  for (let row = 0; row < rows; row += 1) {
    for (const name of RULE_FIELDS) named[`rules.${row}.${name}`] = `${h.rule(row + 1)} — ${h[name]}`;
  }
  return named;
}

/** One row of the opening rules' form. */
function ruleRow(
  m: Texts,
  row: number,
  rule: Record<string, unknown>,
  errors: FieldError[],
  existing: boolean,
): SafeHtml {
  const h = m.hours;
  const name = (field: string) => `rules.${row}.${field}`;
  const weekdays = m.weekdays.map((label, index) => ({ value: String(index + 1), label }));
  const cell = (content: SafeHtml) =>
    html`<div class="fr-fieldset__element fr-fieldset__element--inline">${content}</div>`;
  return html`<fieldset class="fr-fieldset" aria-labelledby="regle-${row}-legende">
<legend class="fr-fieldset__legend" id="regle-${row}-legende">${h.rule(row + 1)}</legend>
${cell(select({ name: name('weekday'), label: h.weekday, value: text(rule.weekday) || '1', choices: weekdays, errors }))}
${cell(input({ name: name('startsAt'), label: h.startsAt, type: 'time', value: text(rule.startsAt), errors }))}
${cell(input({ name: name('endsAt'), label: h.endsAt, type: 'time', value: text(rule.endsAt), errors }))}
${cell(input({ name: name('capacity'), label: h.capacity, hint: h.capacityHint, type: 'number', inputmode: 'numeric', value: text(rule.capacity), errors }))}
${cell(input({ name: name('validFrom'), label: h.validFrom, optionalLabel: h.optional, type: 'date', value: text(rule.validFrom), errors }))}
${cell(input({ name: name('validUntil'), label: h.validUntil, optionalLabel: h.optional, type: 'date', value: text(rule.validUntil), errors }))}
${
  existing
    ? html`<div class="fr-fieldset__element"><div class="fr-checkbox-group"><input type="checkbox" id="rules-${row}-remove" name="${name('remove')}" value="1"><label class="fr-label" for="rules-${row}-remove">${h.remove}</label></div></div>`
    : ''
}
</fieldset>`;
}

function rulesSection(page: PageContext, m: Texts, model: HoursPage, errors: FieldError[]): SafeHtml {
  const h = m.hours;
  const rows = [...model.rules, ...Array.from({ length: BLANK_ROWS }, () => ({}))];
  return html`<h2 id="plages">${h.rulesTitle}</h2>
${model.offer.firstCome ? '' : alert('info', h.notFirstCome)}
<p class="fr-hint-text">${h.rulesHint(model.offer.durationMinutes)}</p>
<form method="post" action="${hoursPath(model.offer)}" novalidate>
${csrfField(page.csrf)}
${rows.map((rule, row) => ruleRow(m, row, rule as Record<string, unknown>, errors, row < model.rules.length))}
<button class="fr-btn" type="submit">${h.saveRules}</button>
</form>`;
}

function slotsSection(locale: Locale, m: Texts, model: HoursPage): SafeHtml {
  const h = m.hours;
  const rows = model.slots.map(
    (slot) =>
      html`<tr><td>${formatDateTime(slot.startsAt, model.offer.zone, locale)}</td><td>${slot.capacity}</td><td>${slot.taken}</td></tr>`,
  );
  return html`<h2 id="creneaux" class="fr-mt-6w">${h.slotsTitle}</h2>
${rows.length === 0 ? html`<p>${h.noSlots}</p>` : table(h.slotsCaption, [...h.slotsHead], rows)}`;
}

function releaseState(locale: Locale, m: Texts, model: HoursPage): SafeHtml | string {
  const h = m.hours;
  const lines: string[] = [];
  if (model.releasedThrough) lines.push(h.releasedThrough(longDay(model.releasedThrough, locale)));
  if (model.nextFixedRelease)
    lines.push(h.nextFixed(formatDateTime(model.nextFixedRelease, model.offer.zone, locale)));
  if (model.publication.mode === 'random' && model.releasedThrough) lines.push(h.nextSecret);
  return lines.length === 0
    ? ''
    : html`<div class="fr-callout fr-mb-4w">${lines.map((line) => html`<p class="fr-callout__text">${line}</p>`)}</div>`;
}

function publicationSection(page: PageContext, m: Texts, model: HoursPage, errors: FieldError[]): SafeHtml {
  const h = m.hours;
  const p = model.publication;
  const weekdays = Array.isArray(p.weekdays) ? (p.weekdays as unknown[]) : [];
  return html`<h2 id="publication" class="fr-mt-6w">${h.publicationTitle}</h2>
${releaseState(page.locale, m, model)}
<form method="post" action="${publicationPath(model.offer)}" novalidate>
${csrfField(page.csrf)}
${input({ name: 'publicationDays', label: h.publicationDays, hint: h.publicationDaysHint, type: 'number', inputmode: 'numeric', value: text(p.publicationDays), errors })}
${choiceFieldset({
  kind: 'radio',
  name: 'mode',
  legend: h.mode,
  choices: RELEASE_MODES.map((mode) => ({
    name: 'mode',
    value: mode,
    ...m.modes[mode],
    checked: p.mode === mode,
  })),
  errors,
})}
${choiceFieldset({
  kind: 'checkbox',
  name: 'weekdays',
  legend: h.releaseWeekdays,
  hint: h.releaseWeekdaysHint,
  choices: m.weekdays.map((label, index) => ({
    name: `weekday.${index + 1}`,
    value: '1',
    label,
    checked: weekdays.includes(index + 1),
  })),
  errors,
})}
${input({ name: 'time', label: h.time, hint: h.timeHint, type: 'time', value: text(p.time), errors })}
${input({ name: 'windowStart', label: h.windowStart, hint: h.windowHint, type: 'time', value: text(p.windowStart), errors })}
${input({ name: 'windowEnd', label: h.windowEnd, hint: h.windowHint, type: 'time', value: text(p.windowEnd), errors })}
<button class="fr-btn" type="submit">${h.savePublication}</button>
</form>`;
}

function durationSection(page: PageContext, m: Texts, model: HoursPage, errors: FieldError[]): SafeHtml {
  const h = m.hours;
  const body = model.mayEditDuration
    ? html`<form method="post" action="${durationPath(model.offer)}" novalidate>
${csrfField(page.csrf)}
${input({ name: 'durationMinutes', label: h.durationMinutes, hint: h.durationHint, type: 'number', inputmode: 'numeric', value: text(model.duration), errors })}
<button class="fr-btn" type="submit">${h.saveDuration}</button>
</form>`
    : html`<p>${h.durationReadOnly(model.offer.durationMinutes)}</p>`;
  return html`<h2 id="duree" class="fr-mt-6w">${h.durationTitle}</h2>
${body}`;
}

/** The hours page; a refused save shows its fields (422) or the bookings it would strand (409). */
export function hoursView(page: PageContext, model: HoursPage): PageView {
  const { locale } = page;
  const m = messagesFor(schedule, locale);
  const h = m.hours;
  const problem = model.problem;
  const errors = inLanguage(locale, problem?.fields ?? []);
  const formErrors = (form: string) => (problem?.form === form ? errors : []);
  return {
    title: problem ? `${messagesFor(common, locale).errorPrefix} ${h.title}` : h.title,
    ...(problem ? { status: problem.stranded ? 409 : 422 } : {}),
    ...backOfficeChrome(page, model.principal, 'configuration'),
    main: html`${siteBreadcrumb(locale, model.offer, [
      { label: model.offer.procedureTitle, href: offerPath(model.offer) },
      { label: h.title },
    ])}
<h1>${h.title}</h1>
<p class="fr-text--lead">${model.offer.procedureTitle} — ${model.offer.siteName}</p>
${savedAlert(model.saved ? h.saved[model.saved] : undefined)}
${problem?.stranded ? strandedBookings(locale, model.offer.zone, problem.stranded) : ''}
${errorSummary(locale, errors, labels(m, model.rules.length + BLANK_ROWS))}
${rulesSection(page, m, model, formErrors('rules'))}
${slotsSection(locale, m, model)}
${publicationSection(page, m, model, formErrors('publication'))}
${durationSection(page, m, model, formErrors('duration'))}
<p class="fr-mt-6w"><a class="fr-link" href="${closuresPath(model.offer.siteId)}">${h.closuresLink}</a></p>`,
  };
}
