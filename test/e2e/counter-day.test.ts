import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { bookingIn, qrOf } from '../helpers/check-in.ts';
import type { Fixture } from '../helpers/fixtures.ts';
import { loopRow, openCounters } from '../helpers/queue.ts';
import { checkAxe as axe } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, E2E_SECRET_KEY, startE2E } from './helpers/browser.ts';
import { officeNow, signedInAs } from './helpers/office.ts';

// Issue 10's "day of check-ins with the call screen open in a second page", end to end in a browser:
// two people arrive and the reception scans their convocations (a USB scanner typing the QR link and
// Enter); at counter 3 the agent calls the next — the waiting room's screen announces the reference
// and the counter, never a name — serves and finishes the first; the second is called as many times
// as the office's setting (2) says, marked missed, then absent, and the absence undone within the day.
// Every page axe-clean.

let e: E2E;
let fixture: Fixture;
let agentId: number;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  ({ fixture, agentId } = await officeNow(e, 'agent'));
  await openCounters(e.database.db, fixture.siteId, { calls_before_missed: 2 });
});
after(() => e?.close());

/** Submits one of the queue page's forms and waits for the page it redirects to. */
async function press(page: Page, name: string, done: RegExp) {
  await Promise.all([page.waitForURL(done), page.getByRole('button', { name, exact: true }).click()]);
}

describe('an office’s day in a browser', { skip: chromiumSkip }, () => {
  test('check-ins by scanner, calls on the waiting room’s screen, a visit served, an absence and its undo', async () => {
    const place = { slotId: fixture.slotIds[0] ?? 0, procedureId: fixture.procedureId };
    const first = await bookingIn(e.database.db, place, 'confirmed', {
      lastName: 'Traore',
      firstName: 'Fatoumata',
    });
    const second = await bookingIn(e.database.db, place, 'confirmed', {
      lastName: 'Petrenko',
      firstName: 'Oksana',
    });
    const problems: string[] = [];
    const agent = await signedInAs(e, agentId, await e.newPage());

    await agent.goto('/agents/mon-guichet');
    await agent.selectOption('#seat', `${fixture.siteId}|Guichet 3`);
    await Promise.all([
      agent.waitForURL(/\/agents\/file$/),
      agent.getByRole('button', { name: 'Valider' }).click(),
    ]);

    // The reception: each convocation's QR link typed by the scanner into the focused field, and Enter.
    for (const person of [first, second]) {
      await agent.goto('/agents/accueil');
      const code = await qrOf(e.database.db, person.reference, E2E_SECRET_KEY);
      await agent.keyboard.type(`${e.url}/verifier?code=${code}`, { delay: 0 });
      await agent.keyboard.press('Enter');
      await agent.waitForSelector('text=est enregistré(e) : en attente d’appel');
      assert.match(
        (await agent.locator('table').first().textContent()) ?? '',
        new RegExp(`Nom\\s*${person.lastName}`),
      );
      await axe(agent, `the reception after ${person.reference}`, problems);
    }
    assert.equal((await loopRow(e.database.db, second.reference)).status, 'waiting');

    const screen = await e.newPage();
    await screen.goto(`/sites/${fixture.siteId}/appel`);
    await axe(screen, 'the call screen, no call yet', problems);
    const live = screen.locator('[role="status"]');
    const announced = (reference: string) =>
      live.filter({ hasText: `Rendez-vous ${reference} : Guichet 3` }).waitFor({ timeout: 10_000 });

    await agent.goto('/agents/file');
    await axe(agent, 'the queue, two waiting', problems);
    await press(agent, 'Appeler le suivant', /fait=next/);
    await announced(first.reference);
    assert.doesNotMatch(
      (await screen.locator('body').textContent()) ?? '',
      /Traore|Fatoumata|Petrenko|Oksana/,
    );
    await axe(screen, 'the call screen with a call', problems);
    await press(agent, `Reçu au guichet — ${first.reference}`, /fait=serve/);
    await press(agent, `Terminé — ${first.reference}`, /fait=finish/);
    assert.equal((await loopRow(e.database.db, first.reference)).status, 'attended');

    // The second does not come: called twice (the office's setting), then missed, then absent.
    await press(agent, 'Appeler le suivant', /fait=next/);
    await announced(second.reference);
    await press(agent, `Rappeler — ${second.reference}`, /fait=recall/);
    await press(agent, `Absent à l’appel — ${second.reference}`, /fait=miss/);
    await press(agent, `Absent — ${second.reference}`, /fait=no_show/);
    assert.equal((await loopRow(e.database.db, second.reference)).status, 'no_show');
    await axe(agent, 'the queue at the day’s end', problems);
    // A mistake: the person was there after all. Undone within the day, back among the missed.
    await press(agent, `Annuler la dernière action — ${second.reference}`, /fait=undo/);
    const back = await loopRow(e.database.db, second.reference);
    assert.deepEqual([back.status, back.call_count], ['missed', 2]);
    assert.deepEqual(problems, []);
  });
});
