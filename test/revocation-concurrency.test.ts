import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, createAgent, scope } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

// Two managers revoke the same day at the same moment (a double click, a retry on a timeout): the
// bookings are revoked once between them, and each person gets one notice (decision 0038).

let t: TestApp;
let token: string;
let fixture: Fixture;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  fixture = await createFixture(t.database.db, { slots: 4, capacity: 2, firstSlot: '2030-01-14T08:00:00Z' });
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'site_manager', scope: scope('74') }],
  });
  token = await bearer(t.database.db, agent.id, t.clock.now());
});
after(() => t.close());

describe('concurrent revocations of one day', () => {
  test('revoke each booking once in all, and notify each person once', async () => {
    const ids: string[] = [];
    for (const slotId of [...fixture.slotIds, ...fixture.slotIds]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: { slotId, acceptConditions: true, applicant: applicant() },
      });
      assert.equal(response.statusCode, 201, response.body);
      ids.push(String(response.json().id));
    }
    const revoke = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/sites/${fixture.siteId}/revocations`,
        headers: { authorization: token },
        payload: { from: '2030-01-14', to: '2030-01-14', reason: 'Alerte incendie' },
      });
    const answers = await Promise.all([revoke(), revoke(), revoke()]);
    for (const answer of answers) assert.equal(answer.statusCode, 200, answer.body);
    const total = answers.reduce((sum, answer) => sum + (answer.json() as { revoked: number }).revoked, 0);
    assert.equal(total, 8);
    const notices = await t.database.db
      .selectFrom('outbox')
      .select(['booking_id as bookingId'])
      .where('event', '=', 'booking.revoked')
      .where('channel', '=', 'email')
      .execute();
    assert.deepEqual(notices.map((n) => n.bookingId).sort(), [...ids].sort());
    const passes = await t.database.db.selectFrom('priority_pass').select('booking_id').execute();
    assert.equal(passes.length, 8);
  });
});
