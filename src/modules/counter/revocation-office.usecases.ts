import { AppError, type FieldError, notFound } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import type { Principal } from '../agents/permissions.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import type { Refusal } from './refusals.messages.ts';
import { parseRevocationPeriod, parseRevocationReason } from './revocation.input.ts';
import { findSitePlace, listRevocable, listRevocationSites } from './revocation.repository.ts';
import { type RevocationDeps, revokeBooking, revokePeriod } from './revocation.usecases.ts';

// The back office's page of revocations (/agents/annulations): one booking by its reference, or a
// site's period after a confirmation step that lists what will be revoked. Data only, no HTML.

export interface RevocationForm {
  reference: string;
  siteId: string;
  from: string;
  to: string;
  reason: string;
}

export interface RevocationPage {
  principal: Principal;
  sites: { id: number; name: string; departmentCode: string }[];
  form: RevocationForm;
  /** The form whose values are shown again, with its errors if any. */
  errors: FieldError[];
  errorOf: 'booking' | 'period' | undefined;
  /** A refusal that is not a field's (unknown reference, booking no longer active). */
  problem: Refusal | undefined;
  /** The confirmation step of a period: what will be revoked. */
  preview:
    | {
        siteName: string;
        bookings: {
          reference: string;
          startsAt: Date;
          timezone: string;
          lastName: string;
          firstName: string;
          procedureTitle: string;
        }[];
      }
    | undefined;
  /** What was just revoked. */
  done: { revoked: number; reference?: string; closedDays?: string[] } | undefined;
  status: number;
}

const EMPTY: RevocationForm = { reference: '', siteId: '', from: '', to: '', reason: '' };

function text(body: Record<string, unknown>, name: keyof RevocationForm): string {
  const value = body[name];
  return typeof value === 'string' ? value.slice(0, 2000) : '';
}

function formOf(body: Record<string, unknown>): RevocationForm {
  return {
    reference: text(body, 'reference'),
    siteId: text(body, 'siteId'),
    from: text(body, 'from'),
    to: text(body, 'to'),
    reason: text(body, 'reason'),
  };
}

async function page(
  deps: RevocationDeps,
  principal: Principal,
  patch: Partial<RevocationPage>,
): Promise<RevocationPage> {
  const sites = await listRevocationSites(deps.db, coverageFor(principal, 'booking.revoke'));
  return {
    principal,
    sites,
    form: EMPTY,
    errors: [],
    errorOf: undefined,
    problem: undefined,
    preview: undefined,
    done: undefined,
    status: 200,
    ...patch,
  };
}

/**
 * The page (permission booking.revoke somewhere, else 403); `?service=ID` chooses the period's site,
 * refused (404, 403) like the API for a site that does not exist or is outside the agent's scope.
 */
export async function revocationPage(
  deps: RevocationDeps,
  principal: Principal,
  query: Record<string, unknown>,
): Promise<RevocationPage> {
  if (query.service === undefined) return page(deps, principal, {});
  const id = Number(query.service);
  const site = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await findSitePlace(deps.db, id) : undefined;
  if (!site) throw notFound('site_not_found', 'Ce service n’existe pas.');
  ensureAllowed(principal, 'booking.revoke', siteTarget(site));
  return page(deps, principal, { form: { ...EMPTY, siteId: String(site.id) } });
}

/** What a refusal of a form looks like on the page; anything else is not the page's to show. */
function refused(error: unknown, errorOf: 'booking' | 'period'): Partial<RevocationPage> {
  if (!(error instanceof AppError) || error.status === 403) throw error;
  if (error.fields) return { errors: error.fields, errorOf, status: error.status };
  return { problem: { code: error.code, message: error.message }, errorOf, status: error.status };
}

/** Revokes one booking from the page's first form. */
export async function revokeBookingFromPage(
  deps: RevocationDeps,
  acting: Acting,
  body: Record<string, unknown>,
) {
  const form = formOf(body);
  try {
    const result = await revokeBooking(deps, acting, { reference: form.reference, body: form });
    return page(deps, acting.principal, { done: { revoked: result.revoked, reference: result.reference } });
  } catch (error) {
    return page(deps, acting.principal, { form, ...refused(error, 'booking') });
  }
}

async function periodSite(deps: RevocationDeps, acting: Acting, form: RevocationForm) {
  const id = Number(form.siteId);
  const site = Number.isInteger(id) && id > 0 ? await findSitePlace(deps.db, id) : undefined;
  if (!site)
    throw new AppError(422, 'invalid', 'invalid', [
      { field: 'siteId', code: 'required', message: 'Choisissez le service.' },
    ]);
  ensureAllowed(acting.principal, 'booking.revoke', siteTarget(site));
  return site;
}

/** Back from the confirmation step to the period's form, with what was typed (nothing revoked). */
export async function editPeriod(deps: RevocationDeps, principal: Principal, body: Record<string, unknown>) {
  return page(deps, principal, { form: formOf(body), errorOf: 'period' });
}

/** The confirmation step of a period: checks the form and lists the bookings it would revoke. */
export async function previewPeriod(deps: RevocationDeps, acting: Acting, body: Record<string, unknown>) {
  const form = formOf(body);
  try {
    const site = await periodSite(deps, acting, form);
    const period = parseRevocationPeriod(form, site.timezone);
    parseRevocationReason(form);
    const bookings = await listRevocable(deps.db, { siteId: site.id, ...period }, deps.clock.now());
    return page(deps, acting.principal, { form, preview: { siteName: site.name, bookings } });
  } catch (error) {
    return page(deps, acting.principal, { form, ...refused(error, 'period') });
  }
}

/** The confirmed period: revoked, each person notified once (a second submission revokes nothing more). */
export async function confirmPeriod(deps: RevocationDeps, acting: Acting, body: Record<string, unknown>) {
  const form = formOf(body);
  try {
    const site = await periodSite(deps, acting, form);
    const result = await revokePeriod(deps, acting, { siteId: site.id, body: form });
    return page(deps, acting.principal, { done: result });
  } catch (error) {
    return page(deps, acting.principal, { form, ...refused(error, 'period') });
  }
}
