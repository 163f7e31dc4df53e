import type { Locale } from '../../db/schema.ts';
import type { findProcedureInDepartment, listOtherChannels } from '../booking/journey.repository.ts';
import { certificateFormUrl } from '../certificate/certificate.input.ts';
import { certificateMessages } from '../certificate/certificate.messages.ts';
import { addDays, zonedTimeToUtc } from '../schedule/timezone.ts';
import type { Office } from '../schedule/week.repository.ts';
import type { FreeWeek } from '../schedule/week.usecases.ts';
import { stepOnePath } from '../territory/directory.components.ts';
import { procedureTitleIn, procedureTitleLanguage } from '../territory/procedure-texts.ts';
import { alert, breadcrumb, csrfField } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { directionOf, formatDateTime, markedText, messagesFor, writtenIn } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { hiddenFields, journeyStepper, officeList, otherChannels, weekSlots } from './journey.components.ts';
import { type SlotChoiceInput, slotChoiceUrl } from './journey.input.ts';
import { journey } from './journey.messages.ts';

// Step 2 of the booking journey, Choix d'une plage: a GET, since office and week are navigation and
// carry nothing personal. The chosen slot is POSTed to step 3.

type Procedure = NonNullable<Awaited<ReturnType<typeof findProcedureInDepartment>>>;

interface Offices extends SlotChoiceInput {
  procedure: Procedure;
  offices: Office[];
  office: Office | undefined;
}

/** What step 2 shows: the offices to choose from, a week of the chosen one's slots, or why there are none. */
export type SlotChoicePage =
  | { kind: 'unknown_procedure' }
  | ({ kind: 'offices' } & Offices)
  | ({ kind: 'week'; office: Office; week: FreeWeek } & Offices)
  | ({
      kind: 'no_slot';
      /** The other offices of the département with a free slot. */
      others: Office[];
      channels: Awaited<ReturnType<typeof listOtherChannels>>;
    } & Offices);

/** Step 2: offices, then one week of free times of the chosen office. */
export function slotChoiceView(page: PageContext, model: SlotChoicePage): PageView {
  const m = messagesFor(journey, page.locale);
  if (model.kind === 'unknown_procedure') {
    return {
      title: m.unknownProcedure,
      status: 404,
      main: html`<h1>${m.unknownProcedure}</h1>
<p><a class="fr-link" href="/">${m.restartLink}</a></p>`,
    };
  }
  const { procedure, code } = model;
  const procedureTitle = procedureTitleIn(procedure.title, procedure.translations, page.locale);
  const errorText =
    model.error === 'prise'
      ? m.slotTaken
      : model.error === 'indisponible'
        ? m.slotUnavailable
        : model.error === 'choix'
          ? m.slotMissing
          : undefined;
  const content =
    model.kind === 'week'
      ? weekContent(page, model)
      : model.kind === 'offices'
        ? officesContent(page.locale, model, model.offices, undefined)
        : noSlotContent(page.locale, model);
  return {
    title: `${m.steps[1]} — ${procedureTitle}`,
    main: html`${breadcrumb(m.breadcrumb, [
      { label: m.home, href: '/' },
      {
        label: m.department(code, procedure.departmentName),
        href: `/departements/${encodeURIComponent(code)}`,
      },
      {
        label: markedText(
          procedureTitle,
          procedureTitleLanguage(procedure.translations, page.locale),
          page.locale,
        ),
        href: stepOnePath(code, model.procedureCode),
      },
      { label: m.steps[1] ?? '' },
    ])}
<h1 class="fr-h3"${writtenIn(procedureTitleLanguage(procedure.translations, page.locale), page.locale)}>${procedureTitle}</h1>
${journeyStepper(page.locale, 2)}
${errorText ? alert('error', errorText) : ''}
${content}`,
  };
}

function officesContent(locale: Locale, model: Offices, offices: Office[], chosen: number | undefined) {
  const m = messagesFor(journey, locale);
  const url = (site: number) => slotChoiceUrl(model.code, model.procedureCode, { site });
  return html`<h2 class="fr-h4">${m.chooseOffice}</h2>${officeList(offices, chosen, url, model.procedure.timezone, locale)}`;
}

/** No free slot here: the other offices with slots, the other channels, the help page. */
function noSlotContent(locale: Locale, model: Extract<SlotChoicePage, { kind: 'no_slot' }>): SafeHtml {
  const m = messagesFor(journey, locale);
  return html`<div class="fr-alert fr-alert--info fr-mb-4w"><h2 class="fr-alert__title">${m.noSlot}</h2><p>${m.noSlotText}</p></div>
${model.others.length > 0 ? html`<h2 class="fr-h4">${m.otherOffices}</h2>${officeList(model.others, undefined, (site) => slotChoiceUrl(model.code, model.procedureCode, { site }), model.procedure.timezone, locale)}` : ''}
${otherChannels(model.channels, locale)}
${certificateCallout(locale, model)}
<p><a class="fr-link" href="/aide">${m.helpLink}</a></p>`;
}

/** No dead end: a dated, signed certificate of the search that found nothing (PRODUCT §2.3). */
function certificateCallout(locale: Locale, model: Offices): SafeHtml {
  const c = messagesFor(certificateMessages, locale);
  return html`<div class="fr-callout fr-mb-4w">
<p class="fr-callout__text">${c.linkText}</p>
<a class="fr-btn fr-btn--secondary" href="${certificateFormUrl(model.code, model.procedureCode)}">${c.link}</a>
</div>`;
}

function weekContent(page: PageContext, model: Extract<SlotChoicePage, { kind: 'week' }>): SafeHtml {
  const { locale } = page;
  const m = messagesFor(journey, locale);
  const { office, week, code, procedureCode } = model;
  const zone = model.procedure.timezone;
  const url = (monday: string) => slotChoiceUrl(code, procedureCode, { site: office.siteId, week: monday });
  // The arrows point where the reading goes: the earlier week is on the right of a right-to-left page.
  const [back, onward] = directionOf(locale) === 'rtl' ? ['→', '←'] : ['←', '→'];
  const dayLabel = (date: string) =>
    formatDateTime(zonedTimeToUtc(date, '12:00', zone), zone, locale, { date: 'long' });
  const slots =
    week.days.length === 0
      ? html`<p>${m.weekEmpty}</p>`
      : html`<form method="post" action="/rendez-vous/securite">
${csrfField(page.csrf)}
${hiddenFields({ departement: code, demarche: procedureCode, site: String(office.siteId), semaine: week.monday })}
<h3 class="fr-h5">${m.chooseSlot}</h3>
<p class="fr-hint-text">${m.timesHint(zone)}</p>
${weekSlots(week.days, zone, locale)}
<button class="fr-btn" type="submit">${messagesFor(common, locale).continue}</button>
</form>`;
  return html`${model.offices.length > 1 ? officesContent(locale, model, model.offices, office.siteId) : ''}
<h2 class="fr-h4">${m.chosenOffice(office.name)}</h2>
<p${writtenIn('fr', locale)}>${office.address}</p>
<h3 class="fr-h5" id="semaine">${m.weekOf(dayLabel(week.monday), dayLabel(week.sunday))}</h3>
<ul class="creneau-week-nav">
${week.monday > week.thisMonday ? html`<li><a class="fr-link" href="${url(addDays(week.monday, -7))}#semaine"><span aria-hidden="true">${back} </span>${m.previousWeek}</a></li>` : ''}
${week.hasLater ? html`<li><a class="fr-link" href="${url(addDays(week.monday, 7))}#semaine">${m.nextWeek}<span aria-hidden="true"> ${onward}</span></a></li>` : ''}
${week.monday !== week.firstMonday ? html`<li><a class="fr-link" href="${url(week.firstMonday)}#semaine">${m.firstWeek}</a></li>` : ''}
</ul>
${slots}`;
}
