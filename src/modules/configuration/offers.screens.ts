import type { FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { listUsableProcedures, type OfferDetails, procedureTitle } from './offers.repository.ts';
import type { OfferInput } from './offers.rules.ts';
import { createOffer, getOffer, updateOffer } from './offers.usecases.ts';
import { type Acting, type ConfigDeps, notFoundError } from './offices.access.ts';
import { type FormValues, fieldRefusal } from './offices.forms.ts';
import { getSite } from './offices.usecases.ts';

// The pages of offers as use cases: each calls the offers' actions (the same as the admin API's). The
// site in the address is the one the offer is made at: its place decides, never a form field.

/** The fields of the offer form (the procedure only when the offer is new). */
export const OFFER_FORM = [
  'procedureId',
  'channel',
  'instructions',
  'contactEmail',
  'url',
  'postalAddress',
] as const;

/** An offer's form: a new offer at a site (with the procedures it may be for), or an existing one. */
export interface OfferFormPage {
  principal: Principal;
  site: { id: number; name: string };
  offer?: { id: number; procedureTitle: string; updatedOn: string };
  procedures: { id: number; title: string; departmentCode: string | null }[];
  values: FormValues;
  errors: FieldError[];
  saved: boolean;
  status?: number;
}

/** The form of a new offer at a site the agent configures. */
export async function newOfferPage(
  deps: ConfigDeps,
  principal: Principal,
  siteId: number,
): Promise<OfferFormPage> {
  const site = await getSite(deps, principal, siteId);
  const procedures = await listUsableProcedures(deps.db, site.departmentCode);
  const values = { procedureId: '', channel: 'booking' };
  return { principal, site: { id: site.id, name: site.name }, procedures, values, errors: [], saved: false };
}

function offerValues(offer: OfferDetails): FormValues {
  return {
    procedureId: String(offer.procedureId),
    channel: offer.channel,
    instructions: offer.instructions,
    contactEmail: offer.contactEmail ?? '',
    url: offer.url ?? '',
    postalAddress: offer.postalAddress ?? '',
  };
}

function offerInputOf(values: FormValues): OfferInput {
  return {
    channel: values.channel ?? '',
    instructions: values.instructions ?? '',
    contactEmail: values.contactEmail ?? '',
    url: values.url ?? '',
    postalAddress: values.postalAddress ?? '',
  };
}

/** An existing offer's form; 404 when the offer is not the site's (an address put together by hand). */
export async function offerPage(
  deps: ConfigDeps,
  principal: Principal,
  ids: { siteId: number; offerId: number },
  saved: boolean,
): Promise<OfferFormPage> {
  const offer = await getOffer(deps, principal, ids.offerId);
  if (offer.siteId !== ids.siteId) throw notFoundError('offer');
  const site = await getSite(deps, principal, ids.siteId);
  const title = await procedureTitle(deps.db, offer.procedureId);
  return {
    principal,
    site: { id: site.id, name: site.name },
    offer: { id: offer.id, procedureTitle: title, updatedOn: offer.updatedOn },
    procedures: [],
    values: offerValues(offer),
    errors: [],
    saved,
  };
}

/** The new offer form's button: created, or the form again with what to fix. */
export async function submitNewOffer(
  deps: ConfigDeps,
  acting: Acting,
  siteId: number,
  values: FormValues,
): Promise<OfferFormPage | Redirect> {
  const procedureId = /^[1-9][0-9]{0,9}$/.test(values.procedureId ?? '') ? Number(values.procedureId) : 0;
  try {
    const offer = await createOffer(deps, acting, { ...offerInputOf(values), siteId, procedureId });
    return { redirect: `/agents/services/${siteId}/offres/${offer.id}?enregistre=1` };
  } catch (error) {
    const refusal = fieldRefusal(error);
    if (!refusal) throw error;
    return { ...(await newOfferPage(deps, acting.principal, siteId)), values, ...refusal };
  }
}

/** An existing offer's button: saved, or the form again with what to fix (the bookings a change strands). */
export async function submitOffer(
  deps: ConfigDeps,
  acting: Acting,
  ids: { siteId: number; offerId: number },
  values: FormValues,
): Promise<OfferFormPage | Redirect> {
  // The offer must be the site's before anything is changed.
  await offerPage(deps, acting.principal, ids, false);
  try {
    await updateOffer(deps, acting, ids.offerId, offerInputOf(values));
    return { redirect: `/agents/services/${ids.siteId}/offres/${ids.offerId}?enregistre=1` };
  } catch (error) {
    const refusal = fieldRefusal(error);
    if (!refusal) throw error;
    return { ...(await offerPage(deps, acting.principal, ids, false)), values, ...refusal };
  }
}
