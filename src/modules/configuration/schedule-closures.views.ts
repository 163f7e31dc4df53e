import { backOfficeChrome } from '../agents/backoffice.ts';
import { csrfField, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import {
  inLanguage,
  longDay,
  savedAlert,
  select,
  siteBreadcrumb,
  strandedBookings,
} from './schedule.components.ts';
import { HOLIDAY_REGIONS } from './schedule.input.ts';
import { schedule } from './schedule.messages.ts';
import { closureRemovalPath, closuresPath, holidaysPath, hoursPath } from './schedule.paths.ts';
import type { ClosuresPage } from './schedule-pages.usecases.ts';

// The closures page of a site (/agents/services/:siteId/fermetures): its exceptional closures, the
// public-holiday calendar of its département, and links to its offers' hours pages.

type Texts = (typeof schedule)['fr'];

function closuresTable(page: PageContext, m: Texts, model: ClosuresPage): SafeHtml {
  const c = m.closures;
  if (model.closures.length === 0) return html`<p>${c.none}</p>`;
  const rows = model.closures.map((closure) => {
    const day = longDay(closure.day, page.locale);
    return html`<tr><td>${day}</td><td>${closure.reason}</td><td><form method="post" action="${closureRemovalPath(model.site.siteId, closure.day)}">
${csrfField(page.csrf)}<button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" aria-label="${c.removeLabel(day)}" title="${c.removeLabel(day)}">${c.remove}</button></form></td></tr>`;
  });
  return table(c.caption, [...c.head], rows);
}

function addForm(
  page: PageContext,
  m: Texts,
  model: ClosuresPage,
  errors: ReturnType<typeof inLanguage>,
): SafeHtml {
  const c = m.closures;
  return html`<h2 id="ajouter" class="fr-mt-6w">${c.addTitle}</h2>
<p class="fr-hint-text">${c.addHint}</p>
<form method="post" action="${closuresPath(model.site.siteId)}" novalidate>
${csrfField(page.csrf)}
${input({ name: 'day', label: c.day, type: 'date', value: model.draft.day, required: true, errors })}
${input({ name: 'reason', label: c.reason, optionalLabel: m.hours.optional, value: model.draft.reason, errors })}
<button class="fr-btn" type="submit">${c.add}</button>
</form>`;
}

function holidaysSection(
  page: PageContext,
  m: Texts,
  model: ClosuresPage,
  errors: ReturnType<typeof inLanguage>,
): SafeHtml {
  const c = m.closures;
  const { site } = model;
  const form = model.mayEditRegion
    ? html`<form method="post" action="${holidaysPath(site.siteId)}" novalidate>
${csrfField(page.csrf)}
${select({
  name: 'holidayRegion',
  label: c.regionLabel,
  hint: c.regionHint,
  value: site.holidayRegion,
  choices: HOLIDAY_REGIONS.map((region) => ({ value: region, label: m.regions[region] })),
  errors,
})}
<button class="fr-btn" type="submit">${c.saveRegion}</button>
</form>`
    : html`<p>${c.regionReadOnly}</p>`;
  return html`<h2 id="jours-feries" class="fr-mt-6w">${c.holidaysTitle}</h2>
<p>${c.region(`${site.departmentName} (${site.departmentCode})`, m.regions[site.holidayRegion])}</p>
${form}
<h3 class="fr-mt-4w">${c.nextHolidays}</h3>
<ul>${model.holidays.map((holiday) => html`<li>${c.holidayOn(longDay(holiday.day, page.locale))}<span lang="fr">${holiday.name}</span></li>`)}</ul>`;
}

/** The closures page; a refused save shows its fields (422) or the bookings it would strand (409). */
export function closuresView(page: PageContext, model: ClosuresPage): PageView {
  const { locale } = page;
  const m = messagesFor(schedule, locale);
  const c = m.closures;
  const problem = model.problem;
  const errors = inLanguage(locale, problem?.fields ?? []);
  const formErrors = (form: string) => (problem?.form === form ? errors : []);
  const offers = model.offers.map(
    (offer) =>
      html`<li><a class="fr-link" href="${hoursPath({ siteId: model.site.siteId, offerId: offer.offerId })}">${offer.procedureTitle}</a></li>`,
  );
  return {
    title: problem ? `${messagesFor(common, locale).errorPrefix} ${c.title}` : c.title,
    ...(problem ? { status: problem.stranded ? 409 : 422 } : {}),
    ...backOfficeChrome(page, model.principal, 'configuration'),
    main: html`${siteBreadcrumb(locale, model.site, [{ label: c.title }])}
<h1>${c.title}</h1>
<p class="fr-text--lead">${model.site.siteName}</p>
${savedAlert(model.saved ? c.saved[model.saved] : undefined)}
${problem?.stranded ? strandedBookings(locale, model.site.zone, problem.stranded) : ''}
${errorSummary(locale, errors, { day: c.day, reason: c.reason, holidayRegion: c.regionLabel })}
<h2 id="fermetures">${c.listTitle}</h2>
${closuresTable(page, m, model)}
${addForm(page, m, model, formErrors('closure'))}
${holidaysSection(page, m, model, formErrors('region'))}
${offers.length > 0 ? html`<h2 class="fr-mt-6w">${c.hoursLink}</h2><ul>${offers}</ul>` : ''}`,
  };
}
