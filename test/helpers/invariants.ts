import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import type { BookingStatus } from '../../src/db/schema.ts';
import type { ApplicantInput } from '../../src/modules/booking/applicant.ts';
import { ALL_BOOKING_STATUSES } from '../../src/modules/booking/statuses.ts';
import { sealContext } from '../../src/modules/notify/notify.ts';
import { openTokens } from '../../src/modules/notify/sealed-tokens.ts';
import { reachableFrom } from './booking-paths.ts';
import { createFixture, createNameIdentityProcedure } from './fixtures.ts';

/**
 * The small world the booking property test plays in: two procedures offered at one préfecture, the
 * renewal (identity = foreigner number) with slots 0–1 and a first request without foreigner number
 * (identity = names and birth date) with slots 2–3, six persons and four email addresses.
 */
export interface Universe {
  slotIds: number[];
  /** The procedure of each slot, as 'number' (foreigner number) or 'names'. */
  slotProcedures: ('number' | 'names')[];
  procedureIds: { number: number; names: number };
}

export const ACTIVE: readonly BookingStatus[] = ['pending', 'confirmed'];
export const ALL_STATUSES: readonly BookingStatus[] = [
  'pending',
  'confirmed',
  'expired',
  'cancelled',
  'revoked',
  'attended',
  'no_show',
];
export const EMAIL_LIMIT = 3;
export const SLOT_COUNT = 4;

/** Creates the two procedures, their offers and the four slots (capacities are set per run). */
export async function createUniverse(db: Db): Promise<Universe> {
  const renewal = await createFixture(db, { slots: 2, capacity: 3, firstSlot: '2030-01-07T08:00:00Z' });
  const names = await createNameIdentityProcedure(db, {
    siteId: renewal.siteId,
    starts: ['2030-01-08T08:00:00Z', '2030-01-08T09:00:00Z'],
    capacity: 3,
  });
  return {
    slotIds: [...renewal.slotIds, ...names.slotIds],
    slotProcedures: ['number', 'number', 'names', 'names'],
    procedureIds: { number: renewal.procedureId, names: names.procedureId },
  };
}

/** Empties every booking-related table and gives the four slots the run's capacities. */
export async function resetUniverse(db: Db, universe: Universe, capacities: number[]): Promise<void> {
  await sql`truncate booking, booking_token, outbox, email_activity, held_seat restart identity cascade`.execute(
    db,
  );
  for (const [index, slotId] of universe.slotIds.entries()) {
    await db
      .updateTable('slot')
      .set({ taken: 0, held_back: 0, capacity: capacities[index] ?? 1 })
      .where('id', '=', String(slotId))
      .execute();
  }
}

/**
 * Six persons; each is written in several ways that must all come to the same identity: accents,
 * case, decomposed letters, apostrophes and hyphens for the names, spaces inside the foreigner number.
 * Persons 3 and 4 share their names and differ by birth date only: they are two people.
 */
const PERSONS: { lastNames: string[]; firstNames: string[]; birthDate: string; number: string }[] = [
  {
    lastNames: ['Müller', 'MULLER', 'muller', 'Mu\u0308ller'],
    firstNames: ['Zoé', 'ZOE', 'zoé', 'Zoe\u0301'],
    birthDate: '1990-04-12',
    number: '7400000001',
  },
  {
    lastNames: ["N'Diaye", 'N’DIAYE', 'n-diaye', 'N Diaye'],
    firstNames: ['Aïssata', 'AISSATA', 'aïssata', 'Aissata'],
    birthDate: '1985-01-02',
    number: '7400000002',
  },
  {
    lastNames: ['Łukasiewicz', 'LUKASIEWICZ', 'łukasiewicz', 'Lukasiewicz'],
    firstNames: ['Jérôme', 'JEROME', 'jérôme', 'Je\u0301ro\u0302me'],
    birthDate: '1978-11-30',
    number: '7400000003',
  },
  {
    lastNames: ['Dupont', 'DUPONT', 'dupont', ' Dupont '],
    firstNames: ['Jean-Pierre', 'JEAN PIERRE', 'jean  pierre', "Jean'Pierre"],
    birthDate: '1970-06-15',
    number: '7400000004',
  },
  {
    lastNames: ['Dupont', 'DUPONT', 'dupont', 'Dupont'],
    firstNames: ['Jean-Pierre', 'JEAN-PIERRE', 'jean pierre', 'Jean Pierre'],
    birthDate: '1971-06-15',
    number: '7400000005',
  },
  {
    lastNames: ['Østergaard', 'OSTERGAARD', 'østergaard', 'Ostergaard'],
    firstNames: ['Ærin', 'AERIN', 'ærin', 'Aerin'],
    birthDate: '2001-02-28',
    number: '7400000006',
  },
];

const EMAILS = ['ana@example.org', 'bob@example.org', 'chloe@example.fr', 'dev@example.net'];

export const PERSON_COUNT = PERSONS.length;
export const EMAIL_COUNT = EMAILS.length;
export const VARIANT_COUNT = 4;

/** The applicant form of `person` written in its `variant` way, with address number `email`. */
export function applicantOf(
  universe: Universe,
  slot: number,
  person: number,
  email: number,
  variant: number,
): ApplicantInput {
  const who = PERSONS[person % PERSONS.length] as (typeof PERSONS)[number];
  const address = EMAILS[email % EMAILS.length] as string;
  const pick = (values: string[]) => values[variant % values.length] as string;
  const input: ApplicantInput = {
    lastName: pick(who.lastNames),
    firstName: pick(who.firstNames),
    birthDate: who.birthDate,
    // Addresses differ by case only: the per-address limit ignores it.
    email: variant % 2 === 0 ? address : address.toUpperCase(),
  };
  if (universe.slotProcedures[slot] === 'number') {
    input.foreignerNumber = variant % 2 === 0 ? who.number : who.number.replace(/(..)(?=.)/g, '$1 ');
    input.postalCode = '74000';
  }
  return input;
}

/**
 * The confirm and manage tokens of a booking, opened from its queued confirmation request with the
 * server's SECRET_KEY (as the worker does when it sends it).
 */
export async function tokensOf(
  db: Db,
  bookingId: string,
  secretKey: string,
): Promise<{ confirm: string; manage: string }> {
  const row = await db
    .selectFrom('outbox')
    .select(['event', 'booking_id', 'email_key', 'sealed_tokens'])
    .where('booking_id', '=', bookingId)
    .where('event', '=', 'booking.confirm_requested')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  if (!row.sealed_tokens) throw new Error(`the request of booking ${bookingId} holds no tokens any more`);
  const context = sealContext({ event: row.event, bookingId: row.booking_id, emailKey: row.email_key });
  const { confirm, manage } = openTokens(secretKey, row.sealed_tokens, context);
  if (!confirm || !manage) throw new Error(`no confirm or manage token for booking ${bookingId}`);
  return { confirm, manage };
}

/** Which statuses a booking may be seen in later, given the one it was seen in (transitive). */
const REACHABLE = Object.fromEntries(
  ALL_BOOKING_STATUSES.map((status) => [status, reachableFrom(status)]),
) as unknown as Record<BookingStatus, readonly BookingStatus[]>;

/**
 * Checks that every booking moved only along the lifecycle since it was last seen (a booking seen for
 * the first time counts as pending, the status it is created in), then records what is seen now.
 */
export function checkTransitions(seen: Map<string, BookingStatus>, now: Map<string, BookingStatus>): void {
  for (const [id, status] of now) {
    const before = seen.get(id) ?? 'pending';
    assert.ok(
      REACHABLE[before].includes(status),
      `booking ${id} went from ${before} to ${status}, which the lifecycle forbids`,
    );
    seen.set(id, status);
  }
  for (const id of seen.keys()) assert.ok(now.has(id), `booking ${id} disappeared`);
}

/** The status of every booking, by id. */
export async function statusesOf(db: Db): Promise<Map<string, BookingStatus>> {
  const rows = await db.selectFrom('booking').select(['id', 'status']).execute();
  return new Map(rows.map((row) => [row.id, row.status as BookingStatus]));
}

/**
 * The invariants PostgreSQL keeps whatever the order of operations: seat counts, one active booking
 * per identity and procedure, the per-address limit and its counter, the statuses of the table.
 */
export async function checkDatabaseInvariants(db: Db, universe: Universe): Promise<void> {
  const slots = await sql<{
    id: string;
    capacity: number;
    taken: number;
    active: number;
    held_back: number;
    held: number;
  }>`
    select s.id, s.capacity, s.taken, s.held_back,
      count(b.id) filter (where booking_is_active(b.status))::int as active,
      (select count(*) from held_seat h where h.slot_id = s.id and h.status = 'held')::int as held
    from slot s left join booking b on b.slot_id = s.id
    where s.id = any(${universe.slotIds.map(String)}::bigint[])
    group by s.id`.execute(db);
  assert.equal(slots.rows.length, universe.slotIds.length);
  for (const slot of slots.rows) {
    assert.equal(
      slot.taken,
      slot.active,
      `slot ${slot.id}: taken ${slot.taken}, ${slot.active} active bookings`,
    );
    assert.equal(
      slot.held_back,
      slot.held,
      `slot ${slot.id}: held_back ${slot.held_back}, ${slot.held} held seats`,
    );
    assert.ok(
      slot.taken >= 0 && slot.taken + slot.held_back <= slot.capacity,
      `slot ${slot.id}: taken ${slot.taken} and ${slot.held_back} held back of ${slot.capacity}`,
    );
  }

  const twice = await sql<{ procedure_id: number; identity_key: string; n: number }>`
    select procedure_id, identity_key, count(*)::int as n from booking
    where booking_is_active(status) group by procedure_id, identity_key having count(*) > 1`.execute(db);
  assert.deepEqual(twice.rows, [], 'one person has two active bookings for one procedure');

  const emails = await sql<{ email_key: string; active: number; counted: number }>`
    select coalesce(a.email_key, b.email_key) as email_key, coalesce(a.active, 0) as active,
      coalesce(b.n, 0)::int as counted
    from email_activity a
    full join (select email_key, count(*) as n from booking where booking_is_active(status)
      group by email_key) b on b.email_key = a.email_key`.execute(db);
  for (const email of emails.rows) {
    assert.equal(email.active, email.counted, `email_activity.active of ${email.email_key}`);
    assert.ok(email.counted <= EMAIL_LIMIT, `${email.email_key} has ${email.counted} active bookings`);
  }

  const statuses = await db.selectFrom('booking').select('status').distinct().execute();
  for (const { status } of statuses) {
    assert.ok(ALL_STATUSES.includes(status as BookingStatus), `unknown status ${status}`);
  }
}

export type BookOp = { kind: 'book'; slot: number; person: number; email: number; variant: number };
export type ConcurrentOp = BookOp | { kind: 'confirm' | 'cancel'; booking: number } | { kind: 'expire' };
export type Op =
  | ConcurrentOp
  | { kind: 'advance'; minutes: number }
  | { kind: 'parallel'; ops: ConcurrentOp[] };

const bookArb = fc.record({
  kind: fc.constant('book' as const),
  slot: fc.nat({ max: SLOT_COUNT - 1 }),
  person: fc.nat({ max: PERSON_COUNT - 1 }),
  // Mostly the first two addresses, so that the per-address limit is reached.
  email: fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.nat({ max: EMAIL_COUNT - 1 }), weight: 2 },
  ),
  variant: fc.nat({ max: VARIANT_COUNT - 1 }),
});
// Small indices counted from the latest booking, so that operations keep meeting recent bookings.
const confirmArb = fc.record({ kind: fc.constant('confirm' as const), booking: fc.nat({ max: 5 }) });
const cancelArb = fc.record({ kind: fc.constant('cancel' as const), booking: fc.nat({ max: 5 }) });
const expireArb = fc.constant({ kind: 'expire' as const });

/**
 * Sequences of 10 to 25 operations: bookings, confirmations, cancellations, clock moves, runs of the
 * expiry job, and batches issued at once; `expiryJobRaces` lets the expiry job into those batches.
 */
export function operationsArb({ expiryJobRaces }: { expiryJobRaces: boolean }): fc.Arbitrary<Op[]> {
  const concurrentArb: fc.Arbitrary<ConcurrentOp> = expiryJobRaces
    ? fc.oneof(bookArb, confirmArb, cancelArb, expireArb)
    : fc.oneof(bookArb, confirmArb, cancelArb);
  // Several persons at once for one slot: the race for the last seats.
  const rushArb = fc
    .record({
      slot: fc.nat({ max: SLOT_COUNT - 1 }),
      persons: fc.uniqueArray(fc.nat({ max: PERSON_COUNT - 1 }), { minLength: 2, maxLength: 5 }),
      email: fc.nat({ max: EMAIL_COUNT - 1 }),
    })
    .map(({ slot, persons, email }) => ({
      kind: 'parallel' as const,
      ops: persons.map(
        (person, i): ConcurrentOp => ({
          kind: 'book',
          slot,
          person,
          email: (email + i) % EMAIL_COUNT,
          variant: i,
        }),
      ),
    }));
  // The same request twice at once: a double click, a link opened on two devices.
  const twiceArb = fc
    .oneof(bookArb, confirmArb, cancelArb)
    .map((op) => ({ kind: 'parallel' as const, ops: [op, op] }));
  return fc.array(
    fc.oneof(
      { arbitrary: bookArb, weight: 6 },
      { arbitrary: confirmArb, weight: 3 },
      { arbitrary: cancelArb, weight: 2 },
      {
        arbitrary: fc.record({
          kind: fc.constant('advance' as const),
          minutes: fc.integer({ min: 1, max: 40 }),
        }),
        weight: 2,
      },
      { arbitrary: expireArb, weight: 1 },
      {
        arbitrary: fc.record({
          kind: fc.constant('parallel' as const),
          ops: fc.array(concurrentArb, { minLength: 2, maxLength: 4 }),
        }),
        weight: 2,
      },
      { arbitrary: rushArb, weight: 1 },
      { arbitrary: twiceArb, weight: 1 },
    ),
    { minLength: 10, maxLength: 25, size: 'max' },
  );
}

/** A capacity of 1 to 3 seats for each slot. */
export function capacitiesArb(slots: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: 3 }), { minLength: slots, maxLength: slots });
}
