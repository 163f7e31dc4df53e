import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import type { Db } from '../../../src/db/database.ts';
import type { ConvocationClaims } from '../../../src/modules/convocation/qr-token.ts';

/** A booking as the database holds it, to check what the pages and emails say against it. */
export interface StoredBooking {
  reference: string;
  status: string;
  slotId: string;
  startsAt: Date;
  timezone: string;
  siteId: number;
  lastName: string;
  firstName: string;
  birthDate: string;
}

/** The bookings made with this email address, oldest first. */
export async function bookingsOf(db: Db, email: string): Promise<StoredBooking[]> {
  const rows = await db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select([
      'booking.reference',
      'booking.status',
      'booking.slot_id',
      'slot.starts_at',
      'department.timezone',
      'site.id as site_id',
      'booking.last_name',
      'booking.first_name',
      'booking.birth_date',
    ])
    .where('booking.email', '=', email)
    .orderBy('booking.id')
    .execute();
  return rows.map((row) => ({
    reference: row.reference,
    status: row.status,
    slotId: String(row.slot_id),
    startsAt: new Date(row.starts_at),
    timezone: row.timezone,
    siteId: row.site_id,
    lastName: row.last_name,
    firstName: row.first_name,
    birthDate: typeof row.birth_date === 'string' ? row.birth_date : isoDate(row.birth_date as Date),
  }));
}

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The claims a genuine convocation of this booking carries in its QR code. */
export function claimsOf(booking: StoredBooking): ConvocationClaims {
  return {
    reference: booking.reference,
    siteId: booking.siteId,
    startsAt: booking.startsAt.toISOString(),
    lastName: booking.lastName,
    firstName: booking.firstName,
    birthDate: booking.birthDate,
  };
}

/** "09:30": the local time of the appointment as the convocation prints it (24-hour clock). */
export function localTimeOf(booking: StoredBooking): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: booking.timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(booking.startsAt);
}

/**
 * Downloads what a link of the page points to with the page's cookies (as the browser would) and
 * returns its content type and bytes.
 */
export async function download(page: Page, href: string): Promise<{ contentType: string; body: Buffer }> {
  const response = await page.context().request.get(new URL(href, page.url()).toString());
  if (!response.ok()) throw new Error(`GET ${href} answered ${response.status()}: ${await response.text()}`);
  return { contentType: response.headers()['content-type'] ?? '', body: await response.body() };
}

/** The text of a PDF, all pages together. */
export async function pdfText(body: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(body), { mergePages: true });
  return text;
}

/** How many seats of a slot are taken. */
export async function seatsTaken(db: Db, slotId: string): Promise<number> {
  const row = await db.selectFrom('slot').select('taken').where('id', '=', slotId).executeTakeFirstOrThrow();
  return row.taken;
}
