import { AppError } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import type { Principal } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { localDate } from '../schedule/timezone.ts';
import {
  type FoundOffer,
  findOffer,
  findProcedureOwner,
  insertOffer,
  listCoveredOffers,
  type OfferDetails,
  type OfferSummary,
  timezoneOf,
  upcomingBookings,
  updateOffer as writeOffer,
} from './offers.repository.ts';
import { checkOffer, type NewOfferInput, type OfferInput } from './offers.rules.ts';
import { type Acting, type ConfigDeps, coverageFor, notFoundError, siteTarget } from './offices.access.ts';
import { FieldCheck, fieldError, isUniqueViolation, refused } from './offices.fields.ts';
import { findSite } from './offices.repository.ts';

// The offers' actions, one use case each, shared by the back office's pages and the admin API. An
// offer belongs to its site: the site's place, read from the database, decides who may touch it.

/** The offers of the sites where the principal holds `site.configure` (of one département when given). */
export async function listOffers(
  deps: ConfigDeps,
  principal: Principal,
  filter: { departmentCode?: string; siteId?: number } = {},
): Promise<OfferSummary[]> {
  return listCoveredOffers(deps.db, coverageFor(principal, 'site.configure'), filter);
}

function details(offer: FoundOffer): OfferDetails {
  const { departmentCode: _place, timezone: _zone, ...rest } = offer;
  return rest;
}

async function allowedOffer(deps: ConfigDeps, principal: Principal, id: number): Promise<FoundOffer> {
  const offer = await findOffer(deps.db, id);
  if (!offer) throw notFoundError('offer');
  ensureAllowed(
    principal,
    'site.configure',
    siteTarget({ id: offer.siteId, departmentCode: offer.departmentCode }),
  );
  return offer;
}

/** One offer with its instructions, if the principal may configure its site: 404 unknown, 403 out of scope. */
export async function getOffer(deps: ConfigDeps, principal: Principal, id: number): Promise<OfferDetails> {
  return details(await allowedOffer(deps, principal, id));
}

/**
 * Offers a procedure at a site (`offer.create`): the site must be one the principal configures, the
 * procedure national or of the site's département, and the pair new.
 */
export async function createOffer(
  deps: ConfigDeps,
  acting: Acting,
  input: NewOfferInput,
): Promise<OfferDetails> {
  const check = new FieldCheck();
  const fields = checkOffer(input, check);
  if (!(input.procedureId >= 1)) check.fail('procedureId', 'required');
  const site = await findSite(deps.db, input.siteId);
  if (!site) check.fail('siteId', 'unknown');
  check.throwIfAny();
  if (!site) throw notFoundError('site');
  ensureAllowed(acting.principal, 'site.configure', siteTarget(site));
  const procedure = await findProcedureOwner(deps.db, input.procedureId);
  if (!procedure || (procedure.departmentCode !== null && procedure.departmentCode !== site.departmentCode)) {
    throw refused('procedureId', 'procedure_unavailable');
  }
  const now = deps.clock.now();
  const updatedOn = localDate(now, await timezoneOf(deps.db, site.departmentCode));
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const offer = { procedureId: procedure.id, siteId: site.id, updatedOn, ...fields };
      const id = await insertOffer(trx, offer);
      const after: OfferDetails = { id, ...offer };
      const place = { departmentCode: site.departmentCode, siteId: site.id };
      await recordAudit(
        trx,
        acting.actor,
        { action: 'offer.create', target: { type: 'offer', id }, place, after },
        now,
      );
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'offer_procedure_id_site_id_key')) {
      throw refused('procedureId', 'offer_exists');
    }
    throw error;
  }
}

/** The 409 of a change of channel that would strand bookings, listing them (at most 20 named). */
async function strandedBookings(deps: ConfigDeps, db: Parameters<typeof upcomingBookings>[0], id: number) {
  const bookings = await upcomingBookings(db, id, deps.clock.now());
  if (bookings.length === 0) return undefined;
  const references = bookings.slice(0, 20).map((booking) => booking.reference);
  const more = bookings.length > references.length ? ', …' : '';
  const params = { count: bookings.length, references: `${references.join(', ')}${more}` };
  const field = fieldError('channel', 'has_active_bookings', params);
  return new AppError(409, 'offer_has_bookings', field.message, [field]);
}

/**
 * Replaces an offer's channel and instructions (`offer.update`). Changing the channel while bookings
 * are still to come is refused with their references (409): they must be revoked first, and the
 * database refuses it too (trigger offer_channel_keeps_bookings).
 */
export async function updateOffer(
  deps: ConfigDeps,
  acting: Acting,
  id: number,
  input: OfferInput,
): Promise<OfferDetails> {
  await allowedOffer(deps, acting.principal, id);
  const check = new FieldCheck();
  const fields = checkOffer(input, check);
  check.throwIfAny();
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // The offer's row lock: a booking in flight waits for it, one that went first is counted.
      const before = await findOffer(trx, id, true);
      if (!before) throw notFoundError('offer');
      ensureAllowed(
        acting.principal,
        'site.configure',
        siteTarget({ id: before.siteId, departmentCode: before.departmentCode }),
      );
      if (fields.channel !== before.channel) {
        const refusal = await strandedBookings(deps, trx, id);
        if (refusal) throw refusal;
      }
      const updatedOn = localDate(now, before.timezone);
      await writeOffer(trx, id, fields, updatedOn);
      const after: OfferDetails = { ...details(before), ...fields, updatedOn };
      const place = { departmentCode: before.departmentCode, siteId: before.siteId };
      const record = {
        action: 'offer.update',
        target: { type: 'offer', id },
        place,
        before: details(before),
        after,
      };
      await recordAudit(trx, acting.actor, record, now);
      return after;
    });
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e?.code === '23514' && e.constraint === 'offer_channel_keeps_bookings') {
      throw (await strandedBookings(deps, deps.db, id)) ?? error;
    }
    throw error;
  }
}
