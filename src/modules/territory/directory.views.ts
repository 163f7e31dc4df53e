import type { Locale } from '../../db/schema.ts';
import { breadcrumb } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { directory } from '../web/messages/directory.ts';
import type { DirectoryDepartment, DirectoryOffer, DirectorySite } from './directory.repository.ts';
import { type CommuneSearch, MAX_RESULTS, regionNameOf } from './directory.search.ts';

type Messages = (typeof directory)['fr'];

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way the préfectures' directories date their entries. */
export function shortDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** The link to step 1 of a procedure in a département. */
export function stepOnePath(departmentCode: string, procedureCode: string): string {
  return `/departements/${encodeURIComponent(departmentCode)}/demarches/${encodeURIComponent(procedureCode)}`;
}

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
export function homeView(locale: Locale, departments: DirectoryDepartment[]): SafeHtml {
  const m = messagesFor(directory, locale);
  const regions = new Map<string, DirectoryDepartment[]>();
  for (const department of departments) {
    const region = regionNameOf(department.code) ?? m.otherRegion;
    regions.set(region, [...(regions.get(region) ?? []), department]);
  }
  const sorted = [...regions.entries()].sort(([a], [b]) => a.localeCompare(b, 'fr'));
  return html`<h1>${m.homeTitle}</h1>
${m.homeIntro.map((paragraph) => html`<p class="fr-text--lead">${paragraph}</p>`)}
<h2>${m.searchHeading}</h2>
${searchForm(m)}
<h2>${m.departmentsHeading}</h2>
${sorted.map(
  ([region, list]) => html`<h3 class="fr-h5">${region}</h3>
<ul>${list.map((d) => html`<li><a class="fr-link" href="/departements/${d.code}">${d.name} (${d.code})</a></li>`)}</ul>`,
)}`;
}

/** The results of a commune search, each commune with its office or why there is none. */
export function searchView(locale: Locale, query: string, search: CommuneSearch): SafeHtml {
  const m = messagesFor(directory, locale);
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
  return html`${breadcrumb(m.breadcrumbLabel, [{ label: m.home, href: '/' }, { label: m.searchTitle }])}
<h1>${query ? m.searchResultsFor(query) : m.searchTitle}</h1>
<div role="status">${body}</div>
<h2 class="fr-mt-4w">${m.newSearch}</h2>
${searchForm(m, query)}`;
}

/**
 * How to apply at one office through a channel other than the booking journey: the postal address,
 * the email address, the walk-in instructions or the online service, and the date of the entry.
 */
export function offerChannel(m: Messages, offer: DirectoryOffer): SafeHtml {
  const details: SafeHtml[] = [];
  if (offer.channel === 'postal' && offer.postalAddress) {
    details.push(
      html`<p class="fr-mb-1w"><strong>${m.postalAddress}</strong></p><address class="creneau-pre-line fr-mb-2w">${offer.postalAddress}</address>`,
    );
  }
  if (offer.contactEmail) {
    details.push(
      html`<p><strong>${m.email}</strong> <a class="fr-link" href="mailto:${offer.contactEmail}">${offer.contactEmail}</a></p>`,
    );
  }
  if (offer.instructions) details.push(html`<p>${offer.instructions}</p>`);
  if (offer.url) {
    details.push(
      offer.channel === 'external'
        ? html`<p><a class="fr-btn fr-btn--secondary" href="${offer.url}" rel="noopener">${m.externalService}<span class="fr-sr-only"> — ${offer.siteName}</span></a></p>`
        : html`<p><a class="fr-link" href="${offer.url}" rel="noopener">${m.infoPage}<span class="fr-sr-only"> — ${offer.siteName}</span></a></p>`,
    );
  }
  return html`<p class="fr-mb-1w"><span class="fr-badge fr-badge--info fr-badge--no-icon">${m.channels[offer.channel]}</span></p>
${details}
<p class="fr-text--sm fr-text-mention--grey">${m.updatedOn(shortDate(offer.updatedOn))}</p>`;
}

/** The page of a département: its offices, then each procedure with how to apply at each office. */
export function departmentView(
  locale: Locale,
  department: DirectoryDepartment,
  sites: DirectorySite[],
  offers: DirectoryOffer[],
  nextFree: Map<number, Date>,
): SafeHtml {
  const m = messagesFor(directory, locale);
  const procedures = new Map<string, DirectoryOffer[]>();
  for (const offer of offers) {
    procedures.set(offer.procedureCode, [...(procedures.get(offer.procedureCode) ?? []), offer]);
  }
  const title = m.departmentTitle(department.name, department.code);
  const procedureSection = (list: DirectoryOffer[]) => {
    const first = list[0];
    if (!first) return html``;
    const booking = list.filter((offer) => offer.channel === 'booking');
    const others = list.filter((offer) => offer.channel !== 'booking');
    return html`<section class="fr-mb-6w">
<h3>${first.procedureTitle}</h3>
${
  booking.length > 0
    ? html`<p class="fr-mb-1w"><span class="fr-badge fr-badge--info fr-badge--no-icon">${m.channels.booking}</span></p>
<p><a class="fr-btn" href="${stepOnePath(department.code, first.procedureCode)}">${m.book}<span class="fr-sr-only"> — ${first.procedureTitle}</span></a></p>
<h4 class="fr-h6">${m.officesWithBooking}</h4>
<ul>${booking.map((offer) => {
        const next = nextFree.get(offer.offerId);
        return html`<li>${offer.siteName} — ${m.nextFreeSlot} ${
          next ? formatDateTime(next, department.timezone, locale) : m.noFreeSlot
        }${offer.contactEmail ? html` — ${m.email} <a href="mailto:${offer.contactEmail}">${offer.contactEmail}</a>` : ''}</li>`;
      })}</ul>`
    : ''
}
${others.map(
  (offer) => html`<h4 class="fr-h6 fr-mt-3w fr-mb-1w">${offer.siteName}</h4>
${offerChannel(m, offer)}`,
)}
</section>`;
  };
  return html`${breadcrumb(m.breadcrumbLabel, [{ label: m.home, href: '/' }, { label: title }])}
<h1>${title}</h1>
<h2>${m.sitesHeading}</h2>
<ul class="fr-mb-6w">${sites.map(
    (site) =>
      html`<li><strong>${site.name}</strong>, ${site.address}${
        site.arrondissements.length > 0
          ? html`<br><span class="fr-text--sm">${m.arrondissements(site.arrondissements.join(', '))}</span>`
          : ''
      }</li>`,
  )}</ul>
<h2>${m.proceduresHeading}</h2>
${procedures.size === 0 ? html`<p>${m.noProcedures}</p>` : [...procedures.values()].map(procedureSection)}`;
}
