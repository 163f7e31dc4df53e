import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { purgePersonalData } from '../src/modules/booking/retention.ts';
import { networkKey } from '../src/modules/protection/network-key.ts';
import { bearer, createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

// The network an applicant booked from (issue 10 point 7; decision 0043): a keyed hash of the IPv4
// address or of the IPv6 /64, as request.ip gives it behind the trusted proxy, grouped by the
// suspicious-bookings review under a number, never shown, and erased once the booking is no longer
// active.

let t: TestApp;
let fixture: Fixture;
let admin: string;
let adminCookie: string;

// Names far apart, so that no near-identical names group these bookings.
const NAMES = ['Kone', 'Traore', 'Nguyen', 'Schmidt', 'Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Tanaka'];
const FIRST_NAMES = ['Awa', 'Ibrahim', 'Linh', 'Greta', 'Chidi', 'Sven', 'Yasmine', 'Paul', 'Hiroshi'];
let made = 0;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z', env: { TRUST_PROXY: '127.0.0.1' } });
  fixture = await createFixture(t.database.db, { slots: 3, capacity: 4, firstSlot: '2030-01-14T08:00:00Z' });
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'administrator', scope: scope('74') }],
  });
  admin = await bearer(t.database.db, agent.id, t.clock.now());
  adminCookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
});
after(() => t.close());

/** A booking through the public API, from `address` as the trusted proxy reports it. */
async function bookFrom(address: string) {
  const n = made++;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers: { 'x-forwarded-for': address },
    payload: {
      slotId: fixture.slotIds[n % 3],
      acceptConditions: true,
      applicant: applicant(800 + n, { lastName: NAMES[n], firstName: FIRST_NAMES[n] }),
    },
  });
  assert.equal(response.statusCode, 201, response.body);
  return (response.json() as { reference: string }).reference;
}

type Review = { groups: { reason: string; group: string; bookings: Booking[] }[] };
type Booking = { reference: string; reasons: { kind: string; group: string }[] };

async function review(): Promise<Review> {
  const response = await t.app.inject({
    url: '/api/v1/admin/suspicious-bookings',
    headers: { authorization: admin },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as Review;
}

/** Every row of every table as text: an address stored anywhere would show in it. */
async function everyRowAsText(): Promise<string> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.database.db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(
      t.database.db,
    );
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

const keysOf = async (references: string[]) =>
  (
    await t.database.db
      .selectFrom('booking')
      .select(['reference', 'network_key'])
      .where('reference', 'in', references)
      .orderBy('reference')
      .execute()
  ).map((row) => row.network_key);

describe('network keys of bookings', () => {
  const refs: Record<string, string> = {};

  before(async () => {
    refs.v4a = await bookFrom('198.51.100.7');
    refs.v4b = await bookFrom('198.51.100.7');
    refs.mapped = await bookFrom('::ffff:198.51.100.7');
    refs.v4other = await bookFrom('198.51.100.8');
    refs.v6a = await bookFrom('2001:db8:7:1::10');
    refs.v6b = await bookFrom('2001:db8:7:1:aaaa:bbbb:cccc:dddd');
    refs.v6other = await bookFrom('2001:db8:7:2::10');
    refs.local = await bookFrom('10.0.0.5');
  });

  test('stored as 32 bytes, one per network, no address text anywhere in the database', async () => {
    const [v4a, v4b, mapped, other] = await Promise.all(
      [refs.v4a, refs.v4b, refs.mapped, refs.v4other].map(async (r) => (await keysOf([r as string]))[0]),
    );
    assert.equal(v4a?.length, 32);
    assert.deepEqual(v4a, v4b);
    assert.deepEqual(mapped, v4a, 'an IPv4-mapped IPv6 address is its IPv4 address');
    assert.notDeepEqual(other, v4a);
    const [v6a, v6b, v6other] = await Promise.all(
      [refs.v6a, refs.v6b, refs.v6other].map(async (r) => (await keysOf([r as string]))[0]),
    );
    assert.deepEqual(v6a, v6b, 'one /64, one network');
    assert.notDeepEqual(v6other, v6a, 'another /64, another network');
    assert.deepEqual(await keysOf([refs.local as string]), [null], 'a private address is no network');
    const text = await everyRowAsText();
    for (const address of ['198.51.100.7', '198.51.100.8', '2001:db8:7', 'c6336407', '10.0.0.5'])
      assert.equal(text.includes(address), false, `${address} is stored nowhere`);
  });

  test('an X-Forwarded-For from an untrusted client is not believed', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      remoteAddress: '203.0.113.50',
      headers: { 'x-forwarded-for': '198.51.100.7' },
      payload: {
        slotId: fixture.slotIds[0],
        acceptConditions: true,
        applicant: applicant(899, { lastName: 'Abernathy', firstName: 'Quentin' }),
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    const reference = (response.json() as { reference: string }).reference;
    const [key] = await keysOf([reference]);
    const [v4a] = await keysOf([refs.v4a as string]);
    assert.ok(key);
    assert.notDeepEqual(key, v4a, 'keyed by the connecting address, not by the header');
  });

  test('the review groups by network, numbered, with the reasons of each booking', async () => {
    const { groups } = await review();
    assert.deepEqual(
      groups.map((g) => g.reason),
      ['network', 'network'],
      'no other reason groups these bookings',
    );
    assert.deepEqual(groups.map((g) => g.group).sort(), ['network-1', 'network-2']);
    assert.deepEqual(
      groups.map((g) => g.bookings.map((b) => b.reference).sort()).sort((a, b) => a.length - b.length),
      [[refs.v6a, refs.v6b].sort(), [refs.v4a, refs.v4b, refs.mapped].sort()],
    );
    const v6 = groups.find((g) => g.bookings.length === 2);
    const v6a = v6?.bookings.find((b) => b.reference === refs.v6a);
    assert.deepEqual(v6a?.reasons, [{ kind: 'network', group: v6?.group }]);
    const body = JSON.stringify(groups);
    const [key] = await keysOf([refs.v4a as string]);
    for (const hidden of [key?.toString('hex'), key?.toString('base64'), '198.51.100', '2001:db8'])
      assert.equal(body.includes(hidden as string), false, 'neither the key nor the address');
  });

  test('the page shows "Même adresse réseau" with a number, never the key or the address', async () => {
    const page = await t.app.inject({ url: '/agents/signalements', headers: { cookie: adminCookie } });
    assert.equal(page.statusCode, 200, page.body);
    const captions = [...page.body.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1]).sort();
    assert.deepEqual(
      captions.map((c) => c?.replace(/— \d/, '— N')),
      [
        'Même adresse réseau (réseau n° 1) — N rendez-vous',
        'Même adresse réseau (réseau n° 2) — N rendez-vous',
      ],
    );
    const [key] = await keysOf([refs.v4a as string]);
    for (const hidden of [key?.toString('hex') as string, '198.51.100', '2001:db8'])
      assert.equal(page.body.includes(hidden), false);
    const english = await t.app.inject({
      url: '/agents/signalements?lang=en',
      headers: { cookie: adminCookie },
    });
    assert.match(english.body, /Same network address \(network no\. 1\) — [23] appointments/);
  });

  test('a network group is revoked in bulk like any other; the retention then erases its keys', async () => {
    const network = (await review()).groups.find((g) => g.bookings.length === 3);
    const references = network?.bookings.map((b) => b.reference) ?? [];
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/bookings/revocations',
      headers: { authorization: admin },
      payload: { references, reason: 'Réservations multiples depuis un même réseau' },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { revoked: 3 });
    assert.deepEqual(
      (await review()).groups.map((g) => g.group),
      ['network-1'],
      'the IPv6 group is now the first',
    );
    assert.ok(
      (await keysOf(references)).every((key) => key !== null),
      'kept until the retention runs',
    );
    // The notices go out before the retention, which deletes notifications by their real age.
    await t.deliverMail();
    await purgePersonalData(t.database.db, t.clock.now());
    assert.deepEqual(await keysOf(references), [null, null, null], 'erased once no longer active');
    const [stillActive] = await keysOf([refs.v6a as string]);
    assert.equal(stillActive?.length, 32, 'an active booking keeps its key');
  });

  test('booking again with the priority of the revocation keys the new booking by its network', async () => {
    const mail = await t.mail.waitFor(
      (m) => m.to.includes('amina.800@example.org') && m.subject.includes('annulé par la préfecture'),
    );
    const token = tokenFrom(mail.text, 'http://creneau.test/rendez-vous/priorite');
    const choices = await t.app.inject({ url: `/api/v1/bookings/priority?token=${token}` });
    const slotId = (choices.json() as { slots: { id: number }[] }).slots[0]?.id;
    const rebooked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      headers: { 'x-forwarded-for': '198.51.100.99' },
      payload: { token, slotId },
    });
    assert.equal(rebooked.statusCode, 201, rebooked.body);
    const [key] = await keysOf([(rebooked.json() as { reference: string }).reference]);
    assert.deepEqual(key, networkKey(t.config.secretKey, '198.51.100.99'));
  });

  test('the database refuses a key that is not 32 bytes, and replacing one by another', async () => {
    const db = t.database.db;
    await assert.rejects(
      db
        .updateTable('booking')
        .set({ network_key: null })
        .where('reference', '=', refs.local as string)
        .execute()
        .then(() =>
          db
            .updateTable('booking')
            .set({ network_key: Buffer.from('198.51.100.7') })
            .where('reference', '=', refs.local as string)
            .execute(),
        ),
      /booking_network_key_length/,
    );
    await assert.rejects(
      db
        .updateTable('booking')
        .set({ network_key: Buffer.alloc(32, 1) })
        .where('reference', '=', refs.v6a as string)
        .execute(),
      /erased, never replaced/,
    );
  });
});
