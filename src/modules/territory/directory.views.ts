import { isFirstCome } from '../schedule/channels.ts';
import { breadcrumb } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, markedText, messagesFor, writtenIn } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { departmentTitle, offerChannel, stepOnePath } from './directory.components.ts';
import { directory } from './directory.messages.ts';
import type { DirectoryDepartment, DirectoryOffer, DirectorySite } from './directory.repository.ts';
import { type CommuneSearch, MAX_RESULTS, regionNameOf } from './directory.search.ts';
import { languageIn, textIn } from './localized-text.ts';
import { procedureTitleIn, procedureTitleLanguage } from './procedure-texts.ts';

type Messages = (typeof directory)['fr'];

/** The commune search form, shown on the home page and above the results. */
export function searchForm(m: Messages, query = ''): SafeHtml {
  return html`<form method="get" action="/recherche" role="search" class="fr-mb-4w">
<div class="fr-input-group">
<label class="fr-label" for="q">${m.searchLabel}<span class="fr-hint-text">${m.searchHint}</span></label>
<input class="fr-input" id="q" name="q" type="search" value="${query}" autocomplete="address-level2" required minlength="2" maxlength="100">
</div>
<button class="fr-btn" type="submit">${m.searchButton}</button>
</form>`;
}

/** The home page: what the service does, the search form and the départements grouped by region. */
export function homeView(page: PageContext, departments: DirectoryDepartment[]): PageView {
  const m = messagesFor(directory, page.locale);
  const regions = new Map<string, DirectoryDepartment[]>();
  for (const department of departments) {
    const region = regionNameOf(department.code) ?? m.otherRegion;
    regions.set(region, [...(regions.get(region) ?? []), department]);
  }
  const sorted = [...regions.entries()].sort(([a], [b]) => a.localeCompare(b, 'fr'));
  const main = html`<h1>${m.homeTitle}</h1>
${m.homeIntro.map((paragraph) => html`<p class="fr-text--lead">${paragraph}</p>`)}
<h2>${m.searchHeading}</h2>
${searchForm(m)}
<h2>${m.departmentsHeading}</h2>
${sorted.map(
  ([region, list]) => html`<h3 class="fr-h5">${region}</h3>
<ul>${list.map((d) => html`<li><a class="fr-link" href="/departements/${d.code}">${d.name} (${d.code})</a></li>`)}</ul>`,
)}`;
  return { title: m.homeTitle, main };
}

/** A commune search: what was typed (trimmed and cut) and what was found. */
export interface SearchPage {
  query: string;
  search: CommuneSearch;
}

/** The results of a commune search, each commune with its office or why there is none. */
export function searchView(page: PageContext, { query, search }: SearchPage): PageView {
  const m = messagesFor(directory, page.locale);
  const { results } = search;
  let body: SafeHtml;
  if (search.kind === 'too_short') {
    body = html`<p>${m.searchTooShort}</p>`;
  } else if (results.length === 0) {
    body = html`<p>${m.searchNone(query)}</p>`;
  } else {
    body = html`<p>${m.searchCount(results.length)}${results.length >= MAX_RESULTS ? html` ${m.searchLimited(MAX_RESULTS)}` : ''}</p>
<ul class="fr-raw-list">${results.map(
      (r) => html`<li class="fr-mb-3w">
<h2 class="fr-h5 fr-mb-1w">${r.name} (${r.departmentCode})</h2>
<p class="fr-mb-1w">${m.postalCodes} ${r.postalCodes.join(', ')}</p>
${
  !r.served
    ? html`<div class="fr-alert fr-alert--info fr-alert--sm"><p>${m.notServed(r.departmentName, r.departmentCode)}</p></div>`
    : html`${
        r.site
          ? html`<p class="fr-mb-1w"><strong>${m.competentOffice}</strong> ${r.site.name}, ${r.site.address}</p>`
          : html`<p class="fr-mb-1w">${m.officeUnknown}</p>`
      }
<p><a class="fr-link" href="/departements/${r.departmentCode}">${m.seeDepartment(r.departmentName, r.departmentCode)}</a></p>`
}
</li>`,
    )}</ul>`;
  }
  const title = query ? m.searchResultsFor(query) : m.searchTitle;
  const main = html`${breadcrumb(m.breadcrumbLabel, [{ label: m.home, href: '/' }, { label: m.searchTitle }])}
<h1>${title}</h1>
<div role="status">${body}</div>
<h2 class="fr-mt-4w">${m.newSearch}</h2>
${searchForm(m, query)}`;
  return { title, main };
}

/** Everything the page of a département shows. */
export interface DepartmentPage {
  department: DirectoryDepartment;
  sites: DirectorySite[];
  offers: DirectoryOffer[];
  /** The earliest free slot of each booking offer, by offer id. */
  nextFree: Map<number, Date>;
}

/** An office in the département's list: address, arrondissements, how to reach it. */
function siteEntry(m: Messages, locale: PageContext['locale'], site: DirectorySite): SafeHtml {
  const line = (text: SafeHtml | string) => html`<br><span class="fr-text--sm">${text}</span>`;
  return html`<strong>${site.name}</strong>, ${markedText(site.address, 'fr', locale)}${
    site.arrondissements.length > 0 ? line(m.arrondissements(site.arrondissements.join(', '))) : ''
  }${site.contactPhone ? line(html`${m.phone} <a href="tel:${site.contactPhone.replace(/[^+0-9]/g, '')}">${site.contactPhone}</a>`) : ''}${
    site.contactEmail
      ? line(html`${m.email} <a href="mailto:${site.contactEmail}">${site.contactEmail}</a>`)
      : ''
  }${site.transport ? line(html`${m.transport} ${markedText(textIn(site.transport, locale), languageIn(site.transport, locale), locale)}`) : ''}${
    site.accessibility
      ? line(
          html`${m.accessibility} ${markedText(textIn(site.accessibility, locale), languageIn(site.accessibility, locale), locale)}`,
        )
      : ''
  }`;
}

/** The page of a département: its offices, then each procedure with how to apply at each office. */
export function departmentView(page: PageContext, model: DepartmentPage): PageView {
  const { locale } = page;
  const { department, sites, offers, nextFree } = model;
  const m = messagesFor(directory, locale);
  const procedures = new Map<string, DirectoryOffer[]>();
  for (const offer of offers) {
    procedures.set(offer.procedureCode, [...(procedures.get(offer.procedureCode) ?? []), offer]);
  }
  const title = departmentTitle(locale, department);
  const procedureSection = (list: DirectoryOffer[]) => {
    const first = list[0];
    if (!first) return html``;
    const booking = list.filter((offer) => isFirstCome(offer.channel));
    const others = list.filter((offer) => !isFirstCome(offer.channel));
    const procedureTitle = procedureTitleIn(first.procedureTitle, first.procedureTranslations, locale);
    return html`<section class="fr-mb-6w">
<h3${writtenIn(procedureTitleLanguage(first.procedureTranslations, locale), locale)}>${procedureTitle}</h3>
${
  booking.length > 0
    ? html`<p class="fr-mb-1w"><span class="fr-badge fr-badge--info fr-badge--no-icon">${m.channels.booking}</span></p>
<p><a class="fr-btn" href="${stepOnePath(department.code, first.procedureCode)}">${m.book}<span class="fr-sr-only"> — ${procedureTitle}</span></a></p>
<h4 class="fr-h6">${m.officesWithBooking}</h4>
<ul>${booking.map((offer) => {
        const next = nextFree.get(offer.offerId);
        return html`<li>${markedText(offer.siteName, 'fr', locale)} — ${m.nextFreeSlot} ${
          next ? formatDateTime(next, department.timezone, locale) : m.noFreeSlot
        }${offer.contactEmail ? html` — ${m.email} <a href="mailto:${offer.contactEmail}">${offer.contactEmail}</a>` : ''}</li>`;
      })}</ul>`
    : ''
}
${others.map(
  (offer) => html`<h4 class="fr-h6 fr-mt-3w fr-mb-1w">${offer.siteName}</h4>
${offerChannel(locale, offer)}`,
)}
</section>`;
  };
  const main = html`${breadcrumb(m.breadcrumbLabel, [{ label: m.home, href: '/' }, { label: title }])}
<h1>${title}</h1>
<h2>${m.sitesHeading}</h2>
<ul class="fr-mb-6w">${sites.map((site) => html`<li class="fr-mb-2w">${siteEntry(m, locale, site)}</li>`)}</ul>
<h2>${m.proceduresHeading}</h2>
${procedures.size === 0 ? html`<p>${m.noProcedures}</p>` : [...procedures.values()].map(procedureSection)}`;
  return { title, main };
}
