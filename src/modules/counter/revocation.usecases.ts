import type { Transaction } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import { covers } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { holdBackSeat } from '../booking/cool-down.repository.ts';
import { newToken, normaliseReference } from '../booking/tokens.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { notify } from '../notify/notify.ts';
import { newLabel } from '../requests/labels.ts';
import { insertRequestToken } from '../requests/requests.repository.ts';
import { DRAW_CHANNEL } from '../schedule/channels.ts';
import { claimSeatEvent, recordSeatFreed } from '../schedule/seat-events.repository.ts';
import { insertPriorityPass } from './priority-pass.repository.ts';
import { parseRevocationPeriod, parseRevocationReason, type RevocationPeriod } from './revocation.input.ts';
import {
  findBookingPlace,
  findRevoked,
  findSitePlace,
  type RevocationScope,
  type RevokedBooking,
  revokeActiveBookings,
  upsertPriorityRequest,
} from './revocation.repository.ts';
import { firstFreeSlotAfter } from './revocation-closure.repository.ts';
import { closePeriod, type PeriodClosure } from './revocation-closure.ts';

/** What revocations need. */
export interface RevocationDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'secretKey' | 'revocationPriorityHours'>;
  wakeOutbox?: () => void;
}

/** The consumer name of the seat events a priority pass takes in (seat_event.consumed_by). */
export const PRIORITY_PASS_CONSUMER = 'priority_pass';

/** How long the link of a tier-0 request stays valid, as a request's own link (requests.usecases.ts). */
const REQUEST_LINK_DAYS = 400;
const HOUR_MS = 3_600_000;

/**
 * Revokes one booking by its reference (permission booking.revoke on its office). A reference outside
 * the agent's scope reads as unknown. A booking already revoked answers the same without doing
 * anything again, so that a retried request notifies nobody twice.
 */
export async function revokeBooking(
  deps: RevocationDeps,
  acting: Acting,
  input: { reference: string; body: unknown },
): Promise<{ reference: string; status: 'revoked'; revoked: number }> {
  const reason = parseRevocationReason(input.body);
  const coverage = coverageFor(acting.principal, 'booking.revoke');
  const booking = await findBookingPlace(deps.db, normaliseReference(input.reference));
  if (
    !booking ||
    !covers(coverage, siteTarget({ id: booking.siteId, departmentCode: booking.departmentCode }))
  )
    throw notFound('booking_not_found', 'Aucun rendez-vous ne porte cette référence dans votre périmètre.');
  if (booking.status !== 'revoked' && (!isRevocable(booking.status) || booking.startsAt <= deps.clock.now()))
    throw new AppError(409, 'not_revocable', 'Ce rendez-vous n’est plus actif ou a déjà commencé.');
  const revoked = await revokeAll(deps, acting, { bookingId: booking.id }, reason, {
    action: 'booking.revoke',
    target: { type: 'booking', id: booking.reference },
    place: { departmentCode: booking.departmentCode, siteId: booking.siteId },
  });
  return { reference: booking.reference, status: 'revoked', revoked: revoked.ids.length };
}

/**
 * Revokes every active booking of a site whose appointment starts in the period (permission
 * booking.revoke on the site) and closes the period (decision 0049): `{revoked, closedDays}`, the
 * bookings revoked and the days closed by this call — 0 and none on a retry.
 */
export async function revokePeriod(
  deps: RevocationDeps,
  acting: Acting,
  input: { siteId: number; body: unknown },
): Promise<{ revoked: number; closedDays: string[] }> {
  const site = await findSitePlace(deps.db, input.siteId);
  if (!site) throw notFound('site_not_found', 'Ce service n’existe pas.');
  ensureAllowed(acting.principal, 'booking.revoke', siteTarget(site));
  const period = parseRevocationPeriod(input.body, site.timezone);
  const reason = parseRevocationReason(input.body);
  const done = await revokeAll(
    deps,
    acting,
    { siteId: site.id, from: period.from, to: period.to },
    reason,
    {
      action: 'site.revoke_period',
      target: { type: 'site', id: site.id },
      place: { departmentCode: site.departmentCode, siteId: site.id },
      period,
    },
    { id: site.id, timezone: site.timezone },
  );
  return { revoked: done.ids.length, closedDays: done.closure?.closedDays ?? [] };
}

function isRevocable(status: string): boolean {
  return status === 'pending' || status === 'confirmed';
}

interface AuditOf {
  action: string;
  target: { type: string; id: string | number | null };
  place: { departmentCode?: string | null | undefined; siteId?: number | null };
  period?: RevocationPeriod;
}

/**
 * One transaction: the bookings turn revoked, each freed seat is recorded (cause `revoked`) with the
 * person's priority and notice, and one audit entry lists what was revoked. For a site's period
 * (`closing`) the period is closed after its bookings are revoked, then each first-come pass keeps a
 * seat after the period, in the order of the revoked appointments' times.
 */
async function revokeAll(
  deps: RevocationDeps,
  acting: Acting,
  scope: RevocationScope,
  reason: string,
  audit: AuditOf,
  closing?: { id: number; timezone: string },
): Promise<{ ids: string[]; closure?: PeriodClosure }> {
  const now = deps.clock.now();
  const done = await deps.db
    .transaction()
    .execute((trx) => revokeInTransaction(trx, deps, acting, { scope, reason, audit, now, closing }));
  if (done.ids.length > 0) deps.wakeOutbox?.();
  return done;
}

/** `revokeAll`'s work in the caller's transaction (a bulk action that closes requests in the same one). */
export async function revokeInTransaction(
  trx: Transaction<Database>,
  deps: RevocationDeps,
  acting: Acting,
  input: {
    scope: RevocationScope;
    reason: string;
    audit: AuditOf;
    now: Date;
    closing?: { id: number; timezone: string } | undefined;
  },
): Promise<{ ids: string[]; closure?: PeriodClosure }> {
  const { scope, reason, audit, now, closing } = input;
  const ids = await revokeActiveBookings(trx, scope, { reason, now });
  const closure =
    closing && audit.period ? await closePeriod(trx, closing, audit.period, reason, now) : undefined;
  const bookings = await findRevoked(trx, ids);
  const keepAfter = closure ? audit.period?.to : undefined;
  const references: string[] = [];
  for (const booking of bookings)
    references.push(await givePriority(trx, deps, acting, booking, now, keepAfter));
  const period = audit.period
    ? { from: audit.period.from.toISOString(), to: audit.period.to.toISOString() }
    : {};
  await recordAudit(
    trx,
    acting.actor,
    {
      action: audit.action,
      target: audit.target,
      place: audit.place,
      after: { reason, revoked: ids.length, references, ...period, ...(closure ?? {}) },
    },
    now,
  );
  return { ids, ...(closure ? { closure } : {}) };
}

/**
 * The freed seat's event, the person's priority, and their notice (email and SMS). Answers the
 * reference. A first-come pass keeps the freed seat itself, or — when the period is closed — a seat
 * of the first free slot of the same offer from `keepAfter` on (none when there is no free seat).
 */
async function givePriority(
  trx: Transaction<Database>,
  deps: RevocationDeps,
  acting: Acting,
  booking: RevokedBooking,
  now: Date,
  keepAfter?: Date,
): Promise<string> {
  const bookingId = booking.id;
  const freed = await recordSeatFreed(trx, { slotId: booking.slotId, bookingId, cause: 'revoked', at: now });
  const base = { event: 'booking.revoked', bookingId, locale: booking.locale, dueAt: now } as const;
  const channels = ['email', 'sms'] as const;
  if (booking.channel === DRAW_CHANNEL) {
    // The seat's event stays for the follow-up draws; the person enters the next draw in tier 0.
    const request = await upsertPriorityRequest(trx, {
      label: newLabel(),
      booking,
      agentId: acting.actor.agentId,
      now,
    });
    const link = newToken();
    await insertRequestToken(trx, {
      requestId: request.id,
      purpose: 'manage',
      hash: link.hash,
      expiresAt: new Date(now.getTime() + REQUEST_LINK_DAYS * 24 * HOUR_MS),
    });
    await notify(
      trx,
      { ...base, channels, tokens: { request: link.token }, params: { label: request.label } },
      deps.config,
    );
    return booking.reference;
  }
  const expiresAt = new Date(now.getTime() + deps.config.revocationPriorityHours * HOUR_MS);
  const keptSlotId = keepAfter
    ? await firstFreeSlotAfter(trx, booking.offerId, keepAfter, now)
    : booking.slotId;
  const heldSeatId = keptSlotId
    ? await holdBackSeat(trx, {
        slotId: keptSlotId,
        seatEventId: freed.eventId,
        at: now,
        returnsAt: expiresAt,
      })
    : undefined;
  // A closed period's seat is withdrawn: nothing else may take its event in either.
  if (heldSeatId || keepAfter)
    await claimSeatEvent(trx, { eventId: freed.eventId, consumer: PRIORITY_PASS_CONSUMER, at: now });
  const link = newToken();
  await insertPriorityPass(trx, {
    bookingId,
    identityKey: booking.identityKey,
    procedureId: booking.procedureId,
    departmentCode: booking.departmentCode,
    heldSeatId,
    tokenHash: link.hash,
    now,
    expiresAt,
  });
  await notify(
    trx,
    {
      ...base,
      channels,
      tokens: { priority: link.token },
      params: { priorityUntil: expiresAt.toISOString() },
    },
    deps.config,
  );
  return booking.reference;
}
