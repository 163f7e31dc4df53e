import type { Db } from '../../src/db/database.ts';
import { sealContext } from '../../src/modules/notify/notify.ts';
import { openTokens } from '../../src/modules/notify/sealed-tokens.ts';
import { applicant, createFixture, type Fixture } from './fixtures.ts';

/** The fixture's renewal procedure, also offered by draw at two sous-préfectures of 74 and one of 73. */
export interface DrawFixture extends Fixture {
  procedureCode: string;
  /** Two offices of 74 offering the procedure by draw. */
  drawSiteIds: [number, number];
  /** An office of Savoie (73) offering it by draw too. */
  otherDepartmentSiteId: number;
}

async function drawSite(db: Db, departmentCode: string, name: string, procedureId: number): Promise<number> {
  const site = await db
    .insertInto('site')
    .values({
      department_code: departmentCode,
      name,
      kind: 'sous_prefecture',
      address: `1 place de la Mairie, ${name}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('offer')
    .values({ procedure_id: procedureId, site_id: site.id, channel: 'draw' })
    .execute();
  return site.id;
}

/** The draw fixture: the booking offer of `createFixture` (Annecy) and three draw offers. */
export async function createDrawFixture(db: Db): Promise<DrawFixture> {
  const fixture = await createFixture(db, { slots: 2, capacity: 5 });
  await db
    .insertInto('department')
    .values({ code: '73', name: 'Savoie', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const procedure = await db
    .selectFrom('procedure')
    .select('code')
    .where('id', '=', fixture.procedureId)
    .executeTakeFirstOrThrow();
  const thonon = await drawSite(db, '74', 'Sous-préfecture de Thonon-les-Bains', fixture.procedureId);
  const bonneville = await drawSite(db, '74', 'Sous-préfecture de Bonneville', fixture.procedureId);
  const albertville = await drawSite(db, '73', 'Sous-préfecture d’Albertville', fixture.procedureId);
  return {
    ...fixture,
    procedureCode: procedure.code,
    drawSiteIds: [thonon, bonneville],
    otherDepartmentSiteId: albertville,
  };
}

/** A request body for the draw fixture; `n` makes the identity and email distinct. */
export function requestBody(fixture: DrawFixture, n?: number, overrides: Record<string, unknown> = {}) {
  return {
    procedureId: fixture.procedureId,
    siteIds: [fixture.drawSiteIds[0]],
    halfDays: ['mon-am', 'tue-pm'],
    earliest: '2030-01-10',
    acceptConditions: true,
    applicant: applicant(n),
    ...overrides,
  };
}

/** The manage token of a request's latest `request.submitted` email, opened as the worker would. */
export async function requestTokenOf(db: Db, requestId: string, secretKey: string): Promise<string> {
  const row = await db
    .selectFrom('outbox')
    .select(['event', 'request_id', 'sealed_tokens'])
    .where('request_id', '=', requestId)
    .where('event', '=', 'request.submitted')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  if (!row.sealed_tokens) throw new Error(`the email of request ${requestId} holds no token any more`);
  const context = sealContext({
    event: row.event,
    bookingId: null,
    requestId: row.request_id,
    emailKey: null,
  });
  const { manage } = openTokens(secretKey, row.sealed_tokens, context);
  if (!manage) throw new Error(`no manage token for request ${requestId}`);
  return manage;
}

/** The id of the request with this label. */
export async function requestIdOf(db: Db, label: string): Promise<string> {
  const row = await db
    .selectFrom('request')
    .select('id')
    .where('label', '=', label)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many rows the request tables hold: a refused submission must change none of them. */
export async function requestCounts(db: Db): Promise<Record<string, number>> {
  const count = async (
    table: 'request' | 'request_token' | 'outbox' | 'request_email_activity' | 'audit_entry',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    request: await count('request'),
    request_token: await count('request_token'),
    outbox: await count('outbox'),
    request_email_activity: await count('request_email_activity'),
    audit_entry: await count('audit_entry'),
  };
}
