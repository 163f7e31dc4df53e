import type { Locale } from '../../db/schema.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor, writtenIn } from '../web/i18n.ts';
import { directory } from './directory.messages.ts';
import type { DirectoryDepartment, DirectoryOffer } from './directory.repository.ts';

// Pieces of the directory shown both by its own pages and by step 1 of the journey (journey/).

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way the préfectures' directories date their entries. */
export function shortDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** The link to step 1 of a procedure in a département. */
export function stepOnePath(departmentCode: string, procedureCode: string): string {
  return `/departements/${encodeURIComponent(departmentCode)}/demarches/${encodeURIComponent(procedureCode)}`;
}

/** A département as the directory titles it: "Démarches de séjour : Haute-Savoie (74)". */
export function departmentTitle(
  locale: Locale,
  department: Pick<DirectoryDepartment, 'name' | 'code'>,
): string {
  return messagesFor(directory, locale).departmentTitle(department.name, department.code);
}

/**
 * How to apply at one office through a channel other than the booking journey: the postal address,
 * the email address, the walk-in instructions or the online service, and the date of the entry.
 */
export function offerChannel(locale: Locale, offer: DirectoryOffer): SafeHtml {
  const m = messagesFor(directory, locale);
  const details: SafeHtml[] = [];
  if (offer.channel === 'postal' && offer.postalAddress) {
    details.push(
      html`<p class="fr-mb-1w"><strong>${m.postalAddress}</strong></p><address class="creneau-pre-line fr-mb-2w"${writtenIn('fr', locale)}>${offer.postalAddress}</address>`,
    );
  }
  if (offer.contactEmail) {
    details.push(
      html`<p><strong>${m.email}</strong> <a class="fr-link" href="mailto:${offer.contactEmail}">${offer.contactEmail}</a></p>`,
    );
  }
  // The préfecture's instructions and addresses are French: marked so on another language's page.
  if (offer.instructions) details.push(html`<p${writtenIn('fr', locale)}>${offer.instructions}</p>`);
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
