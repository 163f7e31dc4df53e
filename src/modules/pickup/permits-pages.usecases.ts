import { AppError, type FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import { type Acting, allows, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { type Body, text } from '../journey/journey.input.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { findAtDesk, handOver } from './desk.usecases.ts';
import { readPermitCsv, type SentLine } from './permits.input.ts';
import {
  listPermitSites,
  listReadyPermits,
  type PermitSite,
  type ShownPermit,
} from './permits.repository.ts';
import { markPermitsReady, type PermitsDeps } from './permits.usecases.ts';

// The back office's pages of permit pick-up (/agents/retraits): an office's permits waiting, the
// forms to mark one or many ready (the twins of POST /api/v1/admin/sites/ID/permits[.csv]), and the
// desk. Each is a use case returning a model or a redirect; the views are pure.

/** The one-permit form as typed, sent back when refused. */
export interface OneForm {
  foreignerNumber: string;
  phone: string;
  email: string;
  lastName: string;
  firstName: string;
}

/** /agents/retraits: the offices to choose from, the chosen one's forms and its permits waiting. */
export interface OfficePermitsPage {
  principal: Principal;
  sites: PermitSite[];
  site?: PermitSite;
  ready: ShownPermit[];
  one: OneForm;
  csv: string;
  errors: FieldError[];
  imported?: number;
  status?: number;
}

const EMPTY_ONE: OneForm = { foreignerNumber: '', phone: '', email: '', lastName: '', firstName: '' };

/** The page of the office in `?service=` (the first one in scope otherwise); 403 without permit.manage. */
export async function officePermitsPage(
  deps: PermitsDeps,
  principal: Principal,
  query: Body,
  extra: Partial<OfficePermitsPage> = {},
): Promise<OfficePermitsPage> {
  const sites = await listPermitSites(deps.db, coverageFor(principal, 'permit.manage'));
  const wanted = Number(extra.site?.id ?? text(query, 'service'));
  const site = sites.find((s) => s.id === wanted) ?? (text(query, 'service') ? undefined : sites[0]);
  if (text(query, 'service') && !site) throw new AppError(404, 'site_not_found', "Ce service n'existe pas.");
  const ready = site ? await listReadyPermits(deps.db, site.id) : [];
  const imported = Number(text(query, 'prets'));
  return {
    principal,
    sites,
    ready,
    one: EMPTY_ONE,
    csv: '',
    errors: [],
    ...(Number.isSafeInteger(imported) && imported > 0 ? { imported } : {}),
    ...extra,
    ...(site ? { site } : {}),
  };
}

function oneFormOf(body: Body): OneForm {
  const field = (name: keyof OneForm) => (text(body, name) ?? '').slice(0, 254);
  return {
    foreignerNumber: field('foreignerNumber'),
    phone: field('phone'),
    email: field('email'),
    lastName: field('lastName'),
    firstName: field('firstName'),
  };
}

/** The one-permit form's POST: the office's page after it, or the form again with what is wrong. */
export async function markOneFromPage(
  deps: PermitsDeps,
  acting: Acting,
  siteId: number,
  body: Body,
): Promise<OfficePermitsPage | Redirect> {
  const one = oneFormOf(body);
  const line: SentLine = { line: 1, ...one };
  return submitted(deps, acting, siteId, { lines: [line] }, { one });
}

/** The CSV form's POST: all its lines or none, with each refused line listed. */
export async function importFromPage(
  deps: PermitsDeps,
  acting: Acting,
  siteId: number,
  body: Body,
): Promise<OfficePermitsPage | Redirect> {
  const csv = typeof body.csv === 'string' ? body.csv : '';
  return submitted(deps, acting, siteId, readPermitCsv(csv), { csv });
}

async function submitted(
  deps: PermitsDeps,
  acting: Acting,
  siteId: number,
  sent: { lines: SentLine[]; problems?: ReturnType<typeof readPermitCsv>['problems'] },
  typed: Partial<OfficePermitsPage>,
): Promise<OfficePermitsPage | Redirect> {
  try {
    const ready = await markPermitsReady(deps, { siteId, ...sent }, acting);
    return { redirect: `/agents/retraits?service=${siteId}&prets=${ready.length}` };
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404) throw error;
    const page = await officePermitsPage(deps, acting.principal, {}, { ...typed });
    const site = page.sites.find((s) => s.id === siteId);
    const errors = error.fields ?? [{ field: 'lines[1].line', code: error.code, message: error.message }];
    return {
      ...page,
      ...(site ? { site, ready: await listReadyPermits(deps.db, site.id) } : {}),
      errors,
      status: error.status,
    };
  }
}

/** /agents/retraits/guichet: the code typed, the permits it names, what was just handed over. */
export interface DeskPage {
  principal: Principal;
  code: string;
  found: (ShownPermit & { canHandOver: boolean })[];
  error?: { code: string; message: string };
  handedOver?: ShownPermit;
  status?: number;
}

/** The desk's empty form (403 without permit.manage anywhere). */
export function deskPage(principal: Principal): DeskPage {
  coverageFor(principal, 'permit.manage');
  return { principal, code: '', found: [] };
}

/** The desk's search: the permits the code names in the agent's offices, or why none. */
export async function searchAtDesk(deps: PermitsDeps, acting: Acting, body: Body): Promise<DeskPage> {
  const code = (text(body, 'code') ?? '').slice(0, 40);
  try {
    const found = (await findAtDesk(deps, acting, code)).map((p) => ({
      ...p,
      canHandOver:
        p.status === 'ready' &&
        allows(
          acting.principal,
          'permit.manage',
          siteTarget({ id: p.siteId, departmentCode: p.departmentCode }),
        ),
    }));
    return { principal: acting.principal, code, found };
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403) throw error;
    const message = error.fields?.[0]?.message ?? error.message;
    return {
      principal: acting.principal,
      code,
      found: [],
      error: { code: error.code, message },
      status: error.status,
    };
  }
}

/** The hand-over's POST: the desk again, saying to whom the permit was handed. */
export async function handOverFromPage(
  deps: PermitsDeps,
  acting: Acting,
  permitId: string,
): Promise<DeskPage> {
  const handedOver = await handOver(deps, acting, permitId);
  return { principal: acting.principal, code: '', found: [], handedOver };
}
