// The addresses of the schedule's pages and of their forms, under /agents.

type OfferPath = { siteId: number; offerId: number };

const offerBase = (path: OfferPath) => `/agents/services/${path.siteId}/offres/${path.offerId}`;

/** An offer's page (config-offices'), the parent of its hours page. */
export const offerPath = offerBase;
/** An offer's hours page, and the form of its opening rules. */
export const hoursPath = (path: OfferPath) => `${offerBase(path)}/horaires`;
/** The form of an offer's publication policy. */
export const publicationPath = (path: OfferPath) => `${offerBase(path)}/publication`;
/** The form of an offer's procedure's duration. */
export const durationPath = (path: OfferPath) => `${offerBase(path)}/duree`;
/** A site's closures page, and the form adding one. */
export const closuresPath = (siteId: number) => `/agents/services/${siteId}/fermetures`;
/** A closure's delete button. */
export const closureRemovalPath = (siteId: number, day: string) => `${closuresPath(siteId)}/${day}/supprimer`;
/** The form of the site's département's holiday calendar. */
export const holidaysPath = (siteId: number) => `/agents/services/${siteId}/jours-feries`;
