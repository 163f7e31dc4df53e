import type { Db } from '../../src/db/database.ts';

export interface Fixture {
  departmentCode: string;
  siteId: number;
  procedureId: number;
  offerId: number;
  slotIds: number[];
}

/**
 * A small département for tests: Haute-Savoie, the Annecy préfecture, the renewal procedure (foreigner
 * number and permit window required) offered there, and `slots` slots of `capacity` seats, one per
 * hour from `firstSlot` on.
 */
export async function createFixture(
  db: Db,
  {
    slots = 3,
    capacity = 3,
    firstSlot = '2030-01-07T08:00:00Z',
  }: { slots?: number; capacity?: number; firstSlot?: string } = {},
): Promise<Fixture> {
  await db
    .insertInto('department')
    .values({ code: '74', name: 'Haute-Savoie', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const site = await db
    .insertInto('site')
    .values({
      department_code: '74',
      name: `Préfecture d'Annecy ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'prefecture',
      address: "Rue du 30e Régiment d'Infanterie, 74000 Annecy",
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const procedure = await db
    .insertInto('procedure')
    .values({
      code: `renouvellement-${Math.random().toString(36).slice(2, 8)}`,
      title: '3.1 Renouvellement de visa de long séjour valant titre de séjour',
      duration_minutes: 20,
      requires_foreigner_number: true,
      requires_title_expiry: false,
      requires_postal_code: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offer = await db
    .insertInto('offer')
    .values({ procedure_id: procedure.id, site_id: site.id, channel: 'booking' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const start = new Date(firstSlot).getTime();
  const rows = Array.from({ length: slots }, (_, i) => ({
    offer_id: offer.id,
    starts_at: new Date(start + i * 3_600_000),
    ends_at: new Date(start + i * 3_600_000 + 20 * 60_000),
    capacity,
  }));
  const inserted = rows.length > 0 ? await db.insertInto('slot').values(rows).returning('id').execute() : [];
  return {
    departmentCode: '74',
    siteId: site.id,
    procedureId: procedure.id,
    offerId: offer.id,
    slotIds: inserted.map((row) => Number(row.id)),
  };
}

/** Adds a 20-minute slot of `capacity` seats to an offer, starting at `startsAt` (UTC): its id. */
export async function addSlot(
  db: Db,
  offerId: number,
  startsAt: string | Date,
  capacity: number,
): Promise<number> {
  const start = new Date(startsAt);
  const row = await db
    .insertInto('slot')
    .values({
      offer_id: offerId,
      starts_at: start,
      ends_at: new Date(start.getTime() + 20 * 60_000),
      capacity,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

let counter = 0;

/** A valid applicant for the fixture's procedure; `n` makes the identity and email distinct. */
export function applicant(n = ++counter, overrides: Record<string, unknown> = {}) {
  return {
    lastName: 'Dupont',
    firstName: `Amina${String.fromCharCode(97 + (n % 26))}`,
    birthDate: '1990-04-12',
    email: `amina.${n}@example.org`,
    foreignerNumber: String(7_400_000_000 + n),
    postalCode: '74000',
    ...overrides,
  };
}

/**
 * A first-request procedure offered at `siteId`, where applicants have no foreigner number and are
 * identified by names and birth date, with one 30-minute slot of `capacity` seats per start instant.
 */
export async function createNameIdentityProcedure(
  db: Db,
  { siteId, starts, capacity }: { siteId: number; starts: string[]; capacity: number },
): Promise<{ procedureId: number; slotIds: number[] }> {
  const procedure = await db
    .insertInto('procedure')
    .values({
      code: `premiere-demande-${Math.random().toString(36).slice(2, 8)}`,
      title: '1.1 Première demande de titre de séjour',
      duration_minutes: 30,
      requires_foreigner_number: false,
      requires_title_expiry: false,
      requires_postal_code: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offer = await db
    .insertInto('offer')
    .values({ procedure_id: procedure.id, site_id: siteId, channel: 'booking' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const slots = await db
    .insertInto('slot')
    .values(
      starts.map((start) => ({
        offer_id: offer.id,
        starts_at: new Date(start),
        ends_at: new Date(new Date(start).getTime() + 30 * 60_000),
        capacity,
      })),
    )
    .returning('id')
    .execute();
  return { procedureId: procedure.id, slotIds: slots.map((row) => Number(row.id)) };
}
