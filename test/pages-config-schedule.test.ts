import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatDateTime } from '../src/modules/web/i18n.ts';
import { createAgent, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { auditCount, auditOf, book, otherOffice, slotAt, slotsOf } from './helpers/schedule.ts';

// The schedule's pages under /agents: the hours page of an offer (opening rules, next slots,
// publication, duration) and the closures page of a site (closures, holiday calendar), each form
// through the same use case as the admin API, its refusals shown in the page.

let t: TestApp;
let fixture: Fixture;
let manager: string;
let national: string;
let other: { siteId: number; offerId: number };

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  await db.updateTable('offer').set({ publication_days: 7 }).where('id', '=', fixture.offerId).execute();
  other = await otherOffice(db);
  const cookie = async (grants: NonNullable<Parameters<typeof createAgent>[2]>['grants']) =>
    signedInCookie(db, t.config, (await createAgent(db, t.config, { grants })).id, t.clock.now());
  manager = await cookie([
    { role: 'site_manager', scope: { kind: 'site', siteId: fixture.siteId, departmentCode: '74' } },
  ]);
  national = await cookie([{ role: 'administrator', scope: { kind: 'national' } }]);
});
after(() => t.close());

const hours = (f: { siteId: number; offerId: number } = fixture) =>
  `/agents/services/${f.siteId}/offres/${f.offerId}/horaires`;
const closures = (siteId = fixture.siteId) => `/agents/services/${siteId}/fermetures`;

/** A page as the signed-in agent sees it, and a way to post its forms with its anti-forgery field. */
async function open(url: string, session = manager) {
  const page = await t.app.inject({ url, headers: { cookie: session, accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value;
  const cookie = csrfCookie ? `${session}; csrf=${csrfCookie}` : session;
  const post = (action: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: action,
      headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  return { page, post };
}

const rule = (row: number, weekday: number, startsAt: string, endsAt: string, capacity: number) => ({
  [`rules.${row}.weekday`]: String(weekday),
  [`rules.${row}.startsAt`]: startsAt,
  [`rules.${row}.endsAt`]: endsAt,
  [`rules.${row}.capacity`]: String(capacity),
});

describe('the hours page', () => {
  test('shows the offer’s forms and chrome; saving the rules regenerates the slots and says so', async () => {
    const { page, post } = await open(hours());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Horaires et publication<\/h1>/);
    assert.match(page.body, /aria-current="page">Services et démarches/);
    assert.match(page.body, /name="rules\.0\.startsAt"/);
    assert.match(page.body, /Aucun créneau à venir/);
    const saved = await post(hours(), {
      ...rule(0, 2, '09:00', '10:00', 2),
      ...rule(1, 3, '14:00', '14:40', 1),
    });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, `${hours()}?enregistre=rules`);
    assert.deepEqual(await slotsOf(t.database.db, fixture.offerId), [
      '2030-01-08 09:00 2/0',
      '2030-01-08 09:20 2/0',
      '2030-01-08 09:40 2/0',
      '2030-01-09 14:00 1/0',
      '2030-01-09 14:20 1/0',
    ]);
    const shown = await open(`${hours()}?enregistre=rules`);
    assert.match(shown.page.body, /Plages d&#39;ouverture enregistrées|Plages d'ouverture enregistrées/);
    assert.match(shown.page.body, /mardi 8 janvier 2030 à 09:20/);
    assert.equal((await auditOf(t.database.db, 'opening_rules.replace')).length, 1);
  });

  test('a row ticked “remove” is removed; bad rows come back named in the summary, nothing stored', async () => {
    const { post } = await open(hours());
    const entries = await auditCount(t.database.db);
    const refused = await post(hours(), {
      ...rule(0, 2, '09:00', '10:00', 2),
      ...rule(1, 3, '15:00', '14:00', 0),
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /href="#rules-1-endsAt">Plage n° 2 — Fin : La fin doit suivre le début\./);
    assert.match(refused.body, /href="#rules-1-capacity">/);
    assert.match(refused.body, /id="rules-1-endsAt"[^>]*value="14:00"[^>]*aria-invalid="true"/);
    assert.equal(await auditCount(t.database.db), entries);
    const removed = await post(hours(), {
      ...rule(0, 2, '09:00', '10:00', 2),
      ...rule(1, 3, '14:00', '14:40', 1),
      'rules.1.remove': '1',
    });
    assert.equal(removed.statusCode, 303);
    assert.ok((await slotsOf(t.database.db, fixture.offerId)).every((slot) => slot.startsWith('2030-01-08')));
  });

  test('a change stranding a booking shows the table of bookings with 409, and changes nothing', async () => {
    const booked = await book(t, await slotAt(t.database.db, fixture.offerId, '2030-01-08 09:40'));
    const { post } = await open(hours());
    const refused = await post(hours(), rule(0, 2, '09:00', '09:40', 2));
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Modification refusée : des rendez-vous perdraient leur place/);
    assert.match(
      refused.body,
      new RegExp(
        `<td dir="ltr">${booked.reference}</td><td>mardi 8 janvier 2030 à 09:40</td><td>${booked.lastName}</td><td>${booked.firstName}</td>`,
      ),
    );
    assert.ok((await slotsOf(t.database.db, fixture.offerId)).includes('2030-01-08 09:40 2/1'));
  });

  test('the publication form stores a random window and never shows the moment', async () => {
    const { post } = await open(hours());
    const saved = await post(publicationOf(), {
      publicationDays: '7',
      mode: 'random',
      'weekday.2': '1',
      'weekday.4': '1',
      // After the slots' hours (09:00–10:00), so that no slot of the page shows the moment's time.
      windowStart: '12:00',
      windowEnd: '18:00',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const offer = await t.database.db
      .selectFrom('offer')
      .selectAll()
      .where('id', '=', fixture.offerId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [offer.release_mode, offer.release_weekdays, offer.release_window_start],
      ['random', [2, 4], '12:00:00'],
    );
    const shown = await open(`${hours()}?enregistre=publication`);
    assert.match(
      shown.page.body,
      /tiré au sort et n&#39;est montré à personne|tiré au sort et n'est montré à personne/,
    );
    assert.ok(offer.next_release_at);
    const local = formatDateTime(offer.next_release_at, 'Europe/Paris', 'fr');
    assert.ok(!shown.page.body.includes(local), `the drawn moment, ${local}, is nowhere in the page`);
    assert.ok(!shown.page.body.includes(offer.next_release_at.toISOString().slice(0, 16)));
    const bad = await post(publicationOf(), { publicationDays: '7', mode: 'fixed' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#weekdays">/);
    assert.match(bad.body, /href="#time">/);
  });

  test('the duration form is for national grants: shown to them, refused 403 to a site’s manager', async () => {
    const mine = await open(hours());
    assert.doesNotMatch(mine.page.body, /name="durationMinutes"/);
    assert.match(mine.page.body, /seul un responsable national peut la modifier/);
    const forbidden = await mine.post(durationOf(), { durationMinutes: '30' });
    assert.equal(forbidden.statusCode, 403);
    const theirs = await open(hours(), national);
    assert.match(theirs.page.body, /name="durationMinutes" type="number" value="20"/);
    const bad = await theirs.post(durationOf(), { durationMinutes: 'vingt' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#durationMinutes">/);
    const procedure = await t.database.db
      .selectFrom('procedure')
      .select('duration_minutes')
      .where('id', '=', fixture.procedureId)
      .executeTakeFirstOrThrow();
    assert.equal(procedure.duration_minutes, 20);
  });

  test('an offer out of scope is 403, an offer under another site’s address 404, in English too', async () => {
    assert.equal((await open(hours(other))).page.statusCode, 403);
    const mismatched = await createFixture(t.database.db, { slots: 0 });
    assert.equal(
      (await open(`/agents/services/${fixture.siteId}/offres/${mismatched.offerId}/horaires`, national)).page
        .statusCode,
      404,
    );
    assert.equal((await open(`/agents/services/${fixture.siteId}/offres/abc/horaires`)).page.statusCode, 404);
    const english = await open(`${hours()}?lang=en`);
    assert.match(english.page.body, /<h1>Opening hours and publication<\/h1>/);
    const { post } = await open(hours());
    const tampered = await post(hours(other), rule(0, 2, '09:00', '10:00', 2));
    assert.equal(tampered.statusCode, 403);
    assert.deepEqual(await slotsOf(t.database.db, other.offerId), []);
  });

  test('a form without its anti-forgery field is refused and stores nothing', async () => {
    const entries = await auditCount(t.database.db);
    const response = await t.app.inject({
      method: 'POST',
      url: hours(),
      headers: { cookie: manager, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(rule(0, 5, '09:00', '10:00', 1)).toString(),
    });
    assert.equal(response.statusCode, 403);
    assert.equal(await auditCount(t.database.db), entries);
  });
});

const publicationOf = () => hours().replace(/horaires$/, 'publication');
const durationOf = () => hours().replace(/horaires$/, 'duree');

describe('the closures page', () => {
  test('adds a closure on a free day, refuses one on a booked day with the table, deletes one', async () => {
    const { page, post } = await open(closures());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Fermetures et jours fériés<\/h1>/);
    assert.match(page.body, /Aucune fermeture à venir/);
    const added = await post(closures(), { day: '2030-01-15', reason: 'Inventaire' });
    assert.equal(added.statusCode, 303, added.body);
    const listed = await open(`${closures()}?enregistre=created`);
    assert.match(listed.page.body, /mardi 15 janvier 2030<\/td><td>Inventaire/);
    assert.match(listed.page.body, /Fermeture ajoutée/);

    const refused = await post(closures(), { day: '2030-01-08', reason: 'Grève' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /<caption>Rendez-vous qui perdraient leur place<\/caption>/);
    assert.match(refused.body, /value="2030-01-08"/, 'the form keeps what was typed');

    const past = await post(closures(), { day: '2030-01-01', reason: '' });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /href="#day">Jour : Ce jour est déjà passé\./);

    const removed = await listed.post(`${closures()}/2030-01-15/supprimer`, {});
    assert.equal(removed.statusCode, 303);
    assert.deepEqual((await auditOf(t.database.db, 'closure.delete')).at(-1)?.before, {
      day: '2030-01-15',
      reason: 'Inventaire',
    });
    assert.equal((await listed.post(`${closures()}/2030-01-15/supprimer`, {})).statusCode, 404);
  });

  test('the holiday calendar: read-only for a site’s manager (403 if posted), saved by a département’s', async () => {
    const mine = await open(closures());
    assert.match(mine.page.body, /Seul un responsable du département peut changer ce calendrier/);
    assert.match(mine.page.body, /Prochains jours fériés/);
    const forbidden = await mine.post(`/agents/services/${fixture.siteId}/jours-feries`, {
      holidayRegion: 'reunion',
    });
    assert.equal(forbidden.statusCode, 403);
    const theirs = await open(closures(), national);
    assert.match(theirs.page.body, /<select class="fr-select" id="holidayRegion" name="holidayRegion">/);
    const bad = await theirs.post(`/agents/services/${fixture.siteId}/jours-feries`, {
      holidayRegion: 'lune',
    });
    assert.equal(bad.statusCode, 422);
    const saved = await theirs.post(`/agents/services/${fixture.siteId}/jours-feries`, {
      holidayRegion: 'alsace_moselle',
    });
    assert.equal(saved.statusCode, 303);
    const department = await t.database.db
      .selectFrom('department')
      .select('holiday_region')
      .where('code', '=', '74')
      .executeTakeFirstOrThrow();
    assert.equal(department.holiday_region, 'alsace_moselle');
    assert.equal((await auditOf(t.database.db, 'department.update')).length, 1);
  });

  test('another département’s site is 403, in the address of the page and of its forms', async () => {
    assert.equal((await open(closures(other.siteId))).page.statusCode, 403);
    const { post } = await open(closures());
    assert.equal((await post(closures(other.siteId), { day: '2030-01-20', reason: '' })).statusCode, 403);
    assert.equal(
      (await post(`/agents/services/${other.siteId}/jours-feries`, { holidayRegion: 'reunion' })).statusCode,
      403,
    );
    const closuresOfOther = await t.database.db
      .selectFrom('closure')
      .selectAll()
      .where('site_id', '=', other.siteId)
      .execute();
    assert.deepEqual(closuresOfOther, []);
  });
});
