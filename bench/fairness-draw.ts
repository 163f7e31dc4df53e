/**
 * Draw mode after its window: the eligible requests and the slots loaded from the database as a
 * draw's bundle holds them (PRODUCT §5.1), the allocation computed by the pure `allocate()` for many
 * seeds, and one real draw by drawrun's `runDraw`, checked against the pure allocation of its seed.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import type { Config } from '../src/config.ts';
import type { Db } from '../src/db/database.ts';
import { allocate, type DrawResult, tierOf } from '../src/modules/draw/allocation.ts';
import {
  DRAW_VERSION,
  type DrawInput,
  type DrawRequest,
  type DrawSlot,
} from '../src/modules/draw/draw-input.ts';
import { runDraw } from '../src/modules/draw/draw-run.ts';
import { insertDraw } from '../src/modules/draw/draws.repository.ts';
import { formatInZone, localDate } from '../src/modules/schedule/timezone.ts';
import { type FairnessDataset, TIMEZONE } from './fairness-data.ts';

export interface BenchDraw {
  id: number;
  commitment: string;
  closesAt: Date;
}

/** The draw of the window, created before it opens, as an agent's one-off draw would be. */
export async function createBenchDraw(
  db: Db,
  data: FairnessDataset,
  window: { opensAt: Date; closesAt: Date },
): Promise<BenchDraw> {
  const draw = await insertDraw(db, {
    procedureId: data.procedureId,
    departmentCode: data.departmentCode,
    kind: 'main',
    origin: 'one_off',
    offerIds: [data.draw.offerId],
    siteIds: [data.draw.siteId],
    windowOpensAt: window.opensAt,
    windowClosesAt: window.closesAt,
    slotsFrom: data.periodFrom,
    slotsTo: data.periodTo,
    beaconRound: null,
    createdBy: null,
  });
  if (!draw) throw new Error('the draw was not created');
  return { ...draw, closesAt: window.closesAt };
}

/** The draw's input without its seed, and the foreigner number behind each label (never published). */
export interface Eligible {
  input: Omit<DrawInput, 'seed'>;
  foreignerNumberOf: Map<string, string>;
}

/**
 * The waiting requests naming the draw's office, minus identities holding an active booking of the
 * procedure (PRODUCT §5 "Eligibility"), and the period's slots after `now` with seats left.
 */
export async function loadEligible(
  db: Db,
  data: FairnessDataset,
  draw: BenchDraw,
  now: Date,
): Promise<Eligible> {
  const rows = await db
    .selectFrom('request')
    .innerJoin('procedure', 'procedure.id', 'request.procedure_id')
    .select([
      'request.label',
      'request.lost',
      'request.priority',
      'request.site_ids as siteIds',
      'request.half_days as halfDays',
      'request.earliest',
      'request.title_expiry as titleExpiry',
      'request.foreigner_number as foreignerNumber',
      'procedure.title_expiry_within_days as windowDays',
    ])
    .where('request.procedure_id', '=', data.procedureId)
    .where('request.status', '=', 'waiting')
    .where(sql<boolean>`request.site_ids && ${sql.val([data.draw.siteId])}::integer[]`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('booking')
            .select('booking.id')
            .whereRef('booking.procedure_id', '=', 'request.procedure_id')
            .whereRef('booking.identity_key', '=', 'request.identity_key')
            .where(sql<boolean>`booking_is_active(booking.status)`),
        ),
      ),
    )
    .orderBy('request.label')
    .execute();
  const windowClosesOn = localDate(draw.closesAt, TIMEZONE);
  const requests: DrawRequest[] = rows.map((row) => ({
    label: row.label,
    tier: row.priority
      ? 0
      : tierOf({ hasPermitWindow: row.windowDays !== null, windowClosesOn, titleExpiry: row.titleExpiry }),
    lost: row.lost,
    siteIds: row.siteIds,
    halfDays: row.halfDays,
    earliest: row.earliest,
  }));
  const slotRows = await db
    .selectFrom('slot')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select([
      'slot.id',
      'offer.site_id as siteId',
      'slot.starts_at as startsAt',
      'slot.capacity',
      'slot.taken',
    ])
    .where('slot.offer_id', '=', data.draw.offerId)
    .where('slot.starts_at', '>', now)
    .whereRef('slot.taken', '<', 'slot.capacity')
    .orderBy('slot.starts_at')
    .orderBy('slot.id')
    .execute();
  const slots: DrawSlot[] = slotRows
    .map((row) => ({
      id: Number(row.id),
      siteId: row.siteId,
      start: formatInZone(row.startsAt, TIMEZONE),
      seats: row.capacity - row.taken,
    }))
    .filter((slot) => slot.start.slice(0, 10) >= data.periodFrom && slot.start.slice(0, 10) <= data.periodTo);
  return {
    input: { id: draw.id, version: DRAW_VERSION, beacon: '', slots, requests },
    foreignerNumberOf: new Map(rows.map((row) => [row.label, row.foreignerNumber ?? ''])),
  };
}

/** The draw's own seed (from its row), then `count − 1` fresh ones from the cryptographic generator. */
export async function seedsFor(db: Db, drawId: number, count: number): Promise<string[]> {
  const row = await db.selectFrom('draw').select('seed').where('id', '=', drawId).executeTakeFirstOrThrow();
  return [
    row.seed.toString('hex'),
    ...Array.from({ length: count - 1 }, () => randomBytes(32).toString('hex')),
  ];
}

/** The allocation of each seed, with the time each took. */
export function allocateSeeds(eligible: Eligible, seeds: string[]): { result: DrawResult; ms: number }[] {
  return seeds.map((seed) => {
    const started = performance.now();
    const result = allocate({ ...eligible.input, seed });
    return { result, ms: performance.now() - started };
  });
}

/**
 * The real draw by `runDraw` (its eligibility, allocation, bookings and frozen bundle): its outcome, and
 * whether its published allocation is the pure one computed here with the same seed.
 */
export async function runRealDraw(
  deps: { db: Db; config: Config },
  drawId: number,
  expected: DrawResult,
): Promise<{ outcome: string; allocated: number; matchesPure: boolean; bookings: number }> {
  const outcome = await runDraw({ db: deps.db, clock: systemClock, config: deps.config }, drawId);
  const row = await deps.db
    .selectFrom('draw')
    .select('bundle')
    .where('id', '=', drawId)
    .executeTakeFirstOrThrow();
  const published = ((row.bundle as { allocation?: { label: string; slotId: unknown }[] } | null)
    ?.allocation ?? []) as { label: string; slotId: unknown }[];
  const key = (a: { label: string; slotId: unknown }) => `${a.label}:${String(a.slotId)}`;
  const pure = new Set(expected.allocation.map(key));
  const bookings = await deps.db
    .selectFrom('booking')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('draw_id', '=', drawId)
    .executeTakeFirstOrThrow();
  return {
    outcome,
    allocated: published.length,
    matchesPure: published.length === pure.size && published.every((a) => pure.has(key(a))),
    bookings: Number(bookings.n),
  };
}
