import { AppError, type FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import type { Redirect } from '../web/web.plugin.ts';
import type { OfferSummary } from './offers.repository.ts';
import { listOffers } from './offers.usecases.ts';
import { type Acting, allows, type ConfigDeps, coverageFor } from './offices.access.ts';
import {
  type FormValues,
  fieldRefusal,
  integerOf,
  lines,
  localizedNames,
  localizedOf,
  localizedValues,
} from './offices.forms.ts';
import { listAllDepartments, type SiteDetails } from './offices.repository.ts';
import type { SiteInput } from './offices.rules.ts';
import { createSite, getSite, listSites, updateSite } from './offices.usecases.ts';

// The pages of sites as use cases: each calls the sites' actions (the same as the admin API's) and
// returns what its view shows — the form again with its errors, or the redirect after a save.

/** The fields of the site form. */
export const SITE_FORM = [
  'departmentCode',
  'name',
  'kind',
  'address',
  'counters',
  'callsBeforeMissed',
  'contactPhone',
  'contactEmail',
  ...localizedNames('transport'),
  ...localizedNames('accessibility'),
  ...localizedNames('arrivalAdvice'),
] as const;

/** /agents/services: the sites the agent configures, each with its offers. */
export interface ServicesPage {
  principal: Principal;
  sites: (SiteDetails & { offers: OfferSummary[] })[];
  mayCreate: boolean;
}

/** The site form: a new site (with the départements it may be created in) or an existing one. */
export interface SiteFormPage {
  principal: Principal;
  site?: { id: number; name: string; departmentCode: string };
  departments: { code: string; name: string }[];
  offers: OfferSummary[];
  values: FormValues;
  errors: FieldError[];
  saved: boolean;
  status?: number;
}

/** The list of sites with their offers. */
export async function servicesPage(deps: ConfigDeps, principal: Principal): Promise<ServicesPage> {
  const [sites, offers] = await Promise.all([listSites(deps, principal), listOffers(deps, principal)]);
  const departments = await creatableDepartments(deps, principal);
  return {
    principal,
    sites: sites.map((site) => ({ ...site, offers: offers.filter((offer) => offer.siteId === site.id) })),
    mayCreate: departments.length > 0,
  };
}

async function creatableDepartments(deps: ConfigDeps, principal: Principal) {
  const all = await listAllDepartments(deps.db);
  return all.filter((d) =>
    allows(principal, 'site.configure', { kind: 'department', departmentCode: d.code }),
  );
}

/** The form of a new site: 403 unless the agent covers a whole département. */
export async function newSitePage(deps: ConfigDeps, principal: Principal): Promise<SiteFormPage> {
  coverageFor(principal, 'site.configure');
  const departments = await creatableDepartments(deps, principal);
  if (departments.length === 0) {
    throw new AppError(
      403,
      'out_of_scope',
      'Seul un périmètre départemental ou national permet de créer un service.',
    );
  }
  const only = departments.length === 1 ? (departments[0]?.code ?? '') : '';
  const values = { departmentCode: only, kind: 'prefecture', counters: 'Guichet 1', callsBeforeMissed: '3' };
  return { principal, departments, offers: [], values, errors: [], saved: false };
}

/** The stored site as the form's values. */
export function siteValues(site: SiteDetails): FormValues {
  return {
    departmentCode: site.departmentCode,
    name: site.name,
    kind: site.kind,
    address: site.address,
    counters: site.counters.join('\n'),
    callsBeforeMissed: String(site.callsBeforeMissed),
    contactPhone: site.contactPhone ?? '',
    contactEmail: site.contactEmail ?? '',
    ...localizedValues('transport', site.transport),
    ...localizedValues('accessibility', site.accessibility),
    ...localizedValues('arrivalAdvice', site.arrivalAdvice),
  };
}

/** The input the sites' use cases take, from the form's values. */
export function siteInputOf(values: FormValues): SiteInput {
  return {
    name: values.name ?? '',
    kind: values.kind ?? '',
    address: values.address ?? '',
    counters: lines(values.counters),
    callsBeforeMissed: integerOf(values.callsBeforeMissed),
    contactPhone: values.contactPhone ?? '',
    contactEmail: values.contactEmail ?? '',
    transport: localizedOf(values, 'transport'),
    accessibility: localizedOf(values, 'accessibility'),
    arrivalAdvice: localizedOf(values, 'arrivalAdvice'),
  };
}

/** An existing site's form, with its offers. */
export async function sitePage(
  deps: ConfigDeps,
  principal: Principal,
  id: number,
  saved: boolean,
): Promise<SiteFormPage> {
  const site = await getSite(deps, principal, id);
  const offers = await listOffers(deps, principal, { siteId: id });
  const summary = { id: site.id, name: site.name, departmentCode: site.departmentCode };
  return { principal, site: summary, departments: [], offers, values: siteValues(site), errors: [], saved };
}

/** The new site form's button: created, or the form again with what to fix. */
export async function submitNewSite(
  deps: ConfigDeps,
  acting: Acting,
  values: FormValues,
): Promise<SiteFormPage | Redirect> {
  try {
    const input = { ...siteInputOf(values), departmentCode: (values.departmentCode ?? '').trim() };
    const site = await createSite(deps, acting, input);
    return { redirect: `/agents/services/${site.id}?enregistre=1` };
  } catch (error) {
    const refusal = fieldRefusal(error);
    if (!refusal) throw error;
    return { ...(await newSitePage(deps, acting.principal)), values, ...refusal };
  }
}

/** An existing site's button: saved, or the form again with what to fix. */
export async function submitSite(
  deps: ConfigDeps,
  acting: Acting,
  id: number,
  values: FormValues,
): Promise<SiteFormPage | Redirect> {
  try {
    await updateSite(deps, acting, id, siteInputOf(values));
    return { redirect: `/agents/services/${id}?enregistre=1` };
  } catch (error) {
    const refusal = fieldRefusal(error);
    if (!refusal) throw error;
    const page = await sitePage(deps, acting.principal, id, false);
    return { ...page, values: { ...values, departmentCode: page.values.departmentCode ?? '' }, ...refusal };
  }
}
