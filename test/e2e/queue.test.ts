import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Fixture } from '../helpers/fixtures.ts';
import { loopRow, openCounters, waitingBooking } from '../helpers/queue.ts';
import { checkAxe as axe } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import { officeNow, signedInAs } from './helpers/office.ts';

// Issue 10 point 2 in a browser (decision 0041): an agent chooses "Guichet 3", opens the queue with
// two people waiting and calls the next; the waiting room's screen, open in another browser, says the
// reference and "Guichet 3" in its live region within seconds, never the name; then served and done.
// Axe-clean: /agents/mon-guichet, /agents/file and /sites/ID/appel.

let e: E2E;
let fixture: Fixture;
let agentId: number;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  ({ fixture, agentId } = await officeNow(e, 'agent'));
  await openCounters(e.database.db, fixture.siteId);
});
after(() => e?.close());

describe('the counter loop in a browser', { skip: chromiumSkip }, () => {
  test('a day of calls with the call screen open in a second browser', async () => {
    const place = {
      slotId: fixture.slotIds[0] ?? 0,
      procedureId: fixture.procedureId,
      siteId: fixture.siteId,
    };
    const first = await waitingBooking(e.database.db, place, new Date(Date.now() - 20 * 60_000), {
      lastName: 'Traore',
      firstName: 'Fatoumata',
    });
    await waitingBooking(e.database.db, place, new Date(Date.now() - 5 * 60_000), {
      lastName: 'Petrenko',
      firstName: 'Oksana',
    });
    const problems: string[] = [];
    const agent = await signedInAs(e, agentId, await e.newPage());

    await agent.goto('/agents/mon-guichet');
    await axe(agent, 'the choice of one’s counter', problems);
    await agent.selectOption('#seat', `${fixture.siteId}|Guichet 3`);
    await Promise.all([
      agent.waitForURL(/\/agents\/file$/),
      agent.getByRole('button', { name: 'Valider' }).click(),
    ]);
    assert.match((await agent.locator('main').textContent()) ?? '', /Traore/);
    await axe(agent, 'the queue', problems);

    const screen = await e.newPage();
    await screen.goto(`/sites/${fixture.siteId}/appel`);
    await axe(screen, 'the call screen, no call', problems);

    await Promise.all([
      agent.waitForURL(/fait=next/),
      agent.getByRole('button', { name: 'Appeler le suivant' }).click(),
    ]);
    const live = screen.locator('[role="status"]');
    await live.filter({ hasText: `Rendez-vous ${first.reference} : Guichet 3` }).waitFor({ timeout: 10_000 });
    const shown = (await screen.locator('body').textContent()) ?? '';
    assert.match(shown, new RegExp(`${first.reference}\\s*Guichet 3`));
    assert.doesNotMatch(shown, /Traore|Fatoumata|Petrenko|Oksana/);
    await axe(screen, 'the call screen with a call', problems);

    await Promise.all([
      agent.waitForURL(/fait=serve/),
      agent.getByRole('button', { name: `Reçu au guichet — ${first.reference}` }).click(),
    ]);
    await Promise.all([
      agent.waitForURL(/fait=finish/),
      agent.getByRole('button', { name: `Terminé — ${first.reference}` }).click(),
    ]);
    assert.equal((await loopRow(e.database.db, first.reference)).status, 'attended');
    await axe(agent, 'the queue after a day’s steps', problems);
    assert.deepEqual(problems, []);
  });
});
