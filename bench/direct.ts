/**
 * The booking transaction of `bookSlot` (booking.usecases.ts), issued with plain parameterised SQL
 * from the benchmark process: insert the booking (the trigger takes the seat and counts the address),
 * two token rows and the confirmation request in the outbox — the row `notify` writes, its tokens
 * sealed the same way — in one transaction. Same statements, same round trips, same row sizes; no
 * HTTP, no validation, no Kysely.
 */
import pg from 'pg';
import { sessionOptions } from '../src/db/database.ts';
import { validateApplicant } from '../src/modules/booking/applicant.ts';
import { newReference, newToken } from '../src/modules/booking/tokens.ts';
import { notificationRows } from '../src/modules/notify/notify.ts';

const HOLD_MS = 30 * 60_000;
const MANAGE_TOKEN_MS = 30 * 86_400_000;
// The seal's key; the server has its own, which is why it could not send these rows (see below).
const BENCH_KEYS = { secretKey: 'bench-direct-secret-key-0123456789abcdef' };

/** What the transaction needs to know about a slot, as `findSlotForBooking` gives it to the use case. */
export interface SlotInfo {
  id: number;
  startsAt: Date;
  endsAt: Date;
  siteName: string;
  siteAddress: string;
}

/** A pool with the session settings of the application's pool (`createDatabase`). */
export function directPool(url: string, size: number, maxActivePerEmail: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    options: sessionOptions({ maxActivePerEmail }),
  });
  pool.on('error', () => {});
  return pool;
}

/** The slots' details, read once up front (the use case reads them per request, outside the transaction). */
export async function loadSlotInfo(pool: pg.Pool, ids: number[]): Promise<Map<number, SlotInfo>> {
  const { rows } = await pool.query<{
    id: string;
    starts_at: Date;
    ends_at: Date;
    name: string;
    address: string;
  }>(
    `select slot.id, slot.starts_at, slot.ends_at, site.name, site.address
       from slot join offer on offer.id = slot.offer_id join site on site.id = offer.site_id
      where slot.id = any($1::bigint[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        siteName: r.name,
        siteAddress: r.address,
      },
    ]),
  );
}

const INSERT_BOOKING = `insert into "booking" ("reference", "slot_id", "procedure_id", "identity_key", "email_key",
  "last_name", "first_name", "birth_date", "email", "phone", "foreigner_number", "title_expiry", "postal_code",
  "locale", "hold_expires_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning "id"`;
const INSERT_TOKEN = `insert into "booking_token" ("booking_id", "purpose", "token_hash", "expires_at")
  values ($1, $2, $3, $4)`;
// The columns of `insertNotifications`. Due tomorrow, the only difference with the application's row:
// the server's outbox worker leaves these alone, so that delivering them does not compete with the
// phases being measured.
const INSERT_OUTBOX = `insert into "outbox" ("event", "channel", "booking_id", "email_key", "params", "locale",
  "sealed_tokens", "next_attempt_at") values ($1, $2, $3, $4, $5, $6, $7, $8)`;

export interface DirectBooking {
  slot: SlotInfo;
  procedureId: number;
  procedureTitle: string;
  applicant: {
    lastName: string;
    firstName: string;
    birthDate: string;
    email: string;
    foreignerNumber: string;
    postalCode: string;
  };
  /** Leave the outbox row out, to measure what it costs. */
  withoutOutbox?: boolean;
}

/** Runs one booking transaction; returns "commit" or the constraint that refused it. */
export async function bookDirectly(pool: pg.Pool, booking: DirectBooking): Promise<string> {
  const { slot, applicant: input } = booking;
  const rules = {
    requiresForeignerNumber: true,
    requiresTitleExpiry: false,
    requiresPostalCode: true,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
  };
  const validation = validateApplicant(input, rules, '74', new Date().toISOString().slice(0, 10));
  if (!validation.ok) throw new Error(`invalid bench applicant: ${JSON.stringify(validation.fields)}`);
  const a = validation.applicant;
  const now = Date.now();
  const holdExpiresAt = new Date(now + HOLD_MS);
  const reference = newReference('74');
  const confirm = newToken();
  const manage = newToken();
  const client = await pool.connect();
  let outcome = 'commit';
  try {
    await client.query('begin');
    const { rows } = await client.query<{ id: string }>(INSERT_BOOKING, [
      reference,
      String(slot.id),
      booking.procedureId,
      a.identityKey,
      a.emailKey,
      a.lastName,
      a.firstName,
      a.birthDate,
      a.email,
      a.phone,
      a.foreignerNumber,
      a.titleExpiry,
      a.postalCode,
      'fr',
      holdExpiresAt,
    ]);
    const bookingId = rows[0]?.id;
    await client.query(INSERT_TOKEN, [bookingId, 'confirm', confirm.hash, holdExpiresAt]);
    await client.query(INSERT_TOKEN, [
      bookingId,
      'manage',
      manage.hash,
      new Date(slot.endsAt.getTime() + MANAGE_TOKEN_MS),
    ]);
    if (!booking.withoutOutbox) {
      const [row] = notificationRows(
        {
          event: 'booking.confirm_requested',
          bookingId: String(bookingId),
          locale: 'fr',
          dueAt: new Date(now + 86_400_000),
          tokens: { confirm: confirm.token, manage: manage.token },
        },
        BENCH_KEYS,
      );
      if (!row) throw new Error('notify writes one row per channel, and there is one');
      await client.query(INSERT_OUTBOX, [
        row.event,
        row.channel,
        row.bookingId,
        row.emailKey,
        JSON.stringify(row.params),
        row.locale,
        row.sealedTokens,
        row.dueAt,
      ]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    const constraint = (error as { constraint?: string }).constraint;
    if (!constraint) throw error;
    outcome = constraint;
  } finally {
    client.release();
  }
  return outcome;
}
