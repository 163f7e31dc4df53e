import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';

let t: TestApp;
let fixture: Fixture;

before(async () => {
  t = await createTestApp();
  // One seat per slot, hourly from 2030-01-07T08:00Z (09:00 in Annecy). Seats freed by the tests'
  // cancellations and moves cool down out of sight (decision 0029): the last slots stay free for moves.
  fixture = await createFixture(t.database.db, { slots: 14, capacity: 1 });
});
after(() => t.close());

type Page = { body: string; cookies: { name: string; value: string }[] };

/** POSTs the form of a page as a browser would: its cookies and its anti-forgery field. */
async function submit(page: Page, url: string, fields: Record<string, string>) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf, 'the page carries the anti-forgery field');
  return t.app.inject({
    method: 'POST',
    url,
    cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])),
    payload: { ...fields, _csrf: csrf },
  });
}

async function book(slotIndex: number, who = applicant(), confirm = true) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId: fixture.slotIds[slotIndex], acceptConditions: true, applicant: who },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id, reference } = created.json() as { id: number; reference: string };
  const tokens = await tokensOf(t.database.db, String(id), t.config.secretKey);
  if (confirm) {
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/confirm',
      payload: { token: tokens.confirm },
    });
    assert.equal(confirmed.statusCode, 200);
  }
  return { id: String(id), reference, who, ...tokens };
}

async function taken(slotIndex: number): Promise<number> {
  const row = await t.database.db
    .selectFrom('slot')
    .select('taken')
    .where('id', '=', String(fixture.slotIds[slotIndex]))
    .executeTakeFirstOrThrow();
  return row.taken;
}

function mainOf(body: string): string {
  return /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? '';
}

async function askForLink(email: string) {
  const form = await t.app.inject({ url: '/rendez-vous/gerer' });
  return submit(form, '/rendez-vous/gerer', { email, altcha: '' });
}

describe('asking for the manage link', () => {
  test('the page asks for the address after the security check', async () => {
    const page = await t.app.inject({ url: '/rendez-vous/gerer' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Annuler, consulter et gérer mes demandes de rendez-vous/);
    assert.match(page.body, /name="email" type="email"/);
    assert.match(page.body, /Le contrôle de sécurité est désactivé/, 'captcha off: a notice');
  });

  test('an unknown address gets the same answer as a known one, and no email', async () => {
    const known = await book(0);
    const unknownEmail = 'personne.inconnue@example.org';
    const forUnknown = await askForLink(unknownEmail);
    const forKnown = await askForLink(known.who.email.toUpperCase());
    assert.equal(forUnknown.statusCode, 200);
    assert.equal(forKnown.statusCode, 200);
    assert.match(
      forUnknown.body,
      /Si cette adresse a des rendez-vous, un courriel avec un lien vient de lui être envoyé/,
    );
    assert.equal(mainOf(forUnknown.body), mainOf(forKnown.body), 'the page never tells who booked');

    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.to.includes(known.who.email) && m.subject === 'Vos demandes de rendez-vous',
      5000,
    );
    assert.match(mail.text, /rendez-vous\/gerer\?token=/);
    assert.ok(!t.mail.messages().some((m) => m.to.includes(unknownEmail)), 'no email to an unknown address');
    const queued = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('email_key', '=', unknownEmail)
      .execute();
    assert.equal(queued.length, 0);

    // The emailed link opens the list of that address's appointments.
    const list = await t.app.inject({
      url: `/rendez-vous/gerer?token=${tokenFrom(mail.text, '/rendez-vous/gerer')}`,
    });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(known.reference));
  });

  test('an address with an invisible character or an emoji is refused, saying how to fix it', async () => {
    const cases: [string, RegExp][] = [
      ['ami\u200bna@example.org', /caractère invisible, souvent ajouté par un copier-coller/],
      ['amina@example.org\u202e', /caractère invisible/],
      ['amina😀@example.org', /contient « 😀 », qui ne peut pas être acheminé/],
      // Cut at 254 characters, this one would be a valid address: it must be refused whole.
      [
        `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.fr${'x'.repeat(20)}`,
        /valide/,
      ],
    ];
    for (const [email, message] of cases) {
      const answer = await askForLink(email);
      assert.equal(answer.statusCode, 422, email);
      assert.match(answer.body, /href="#email"/);
      assert.match(answer.body, message);
    }
  });

  test('a NUL character in the address gets a page naming the field, and nothing is stored', async () => {
    // Issue 6: it used to reach PostgreSQL, which refuses it in text (22021), and gave a 500.
    const before = await t.database.db.selectFrom('access_token').select('email_key').execute();
    const answer = await askForLink('amina\u0000@example.org');
    assert.equal(answer.statusCode, 400);
    assert.match(answer.body, /Le champ « email » du formulaire contient un caractère invisible/);
    assert.deepEqual(await t.database.db.selectFrom('access_token').select('email_key').execute(), before);
  });

  test('an internationalised domain finds the bookings whichever way it is typed', async () => {
    const who = applicant(undefined, { email: 'amina@exämple.fr' });
    await book(11, who, false);
    const answer = await askForLink('Amina@XN--EXMPLE-CUA.FR');
    assert.equal(answer.statusCode, 200, answer.body);
    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.subject === 'Vos demandes de rendez-vous' && /exämple|xn--exmple-cua/i.test(m.to.join()),
      5000,
    );
    assert.match(
      mail.to.join(),
      /^amina@(exämple|xn--exmple-cua)\.fr$/,
      'the link goes to the address the booking recorded',
    );
  });

  test('a malformed address is refused with the DSFR error pattern', async () => {
    const answer = await askForLink('pas-une-adresse');
    assert.equal(answer.statusCode, 422);
    assert.match(answer.body, /Saisissez une adresse électronique valide/);
    assert.match(answer.body, /href="#email"/);
    assert.match(answer.body, /aria-invalid="true"/);
  });

  test('the link expires after a day', async () => {
    const known = await book(1);
    await askForLink(known.who.email);
    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.to.includes(known.who.email) && m.subject === 'Vos demandes de rendez-vous',
      5000,
    );
    const token = tokenFrom(mail.text, '/rendez-vous/gerer');
    const now = t.clock.now();
    t.clock.advance(25 * 3_600_000);
    const late = await t.app.inject({ url: `/rendez-vous/gerer?token=${token}` });
    t.clock.set(now);
    assert.equal(late.statusCode, 410);
    assert.match(late.body, /Ce lien a expiré/);
  });
});

describe('the list of appointments', () => {
  test('lists the address’s appointments, upcoming first, with what can be done to each', async () => {
    const email = 'famille.martin@example.org';
    const first = await book(2, applicant(undefined, { email }));
    const second = await book(3, applicant(undefined, { email }), false);
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${first.reference}/cancel`,
      payload: { token: first.manage },
    });
    assert.equal(cancelled.statusCode, 200);

    const list = await t.app.inject({ url: `/rendez-vous/gerer?token=${second.manage}` });
    assert.equal(list.statusCode, 200);
    for (const header of ['Date', 'Heure', 'Durée', 'Nature', 'Statut']) {
      assert.match(list.body, new RegExp(`<th scope="col">${header}</th>`));
    }
    assert.ok(list.body.indexOf(second.reference) < list.body.indexOf(first.reference), 'upcoming first');
    assert.match(list.body, /<td>07\/01\/2030<\/td>\s*<td>12:00<\/td>\s*<td>20 mn<\/td>/);
    assert.match(list.body, /En attente de confirmation/);
    assert.match(list.body, /<td>Annulé<\/td>/);
    assert.match(list.body, new RegExp(`Supprimer le rendez-vous ${second.reference}`));
    assert.match(list.body, new RegExp(`Changer de créneau le rendez-vous ${second.reference}`));
    assert.doesNotMatch(list.body, new RegExp(`Supprimer le rendez-vous ${first.reference}`));

    const detail = await t.app.inject({
      url: `/rendez-vous/gerer?token=${second.manage}&reference=${second.reference}`,
    });
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /lundi 7 janvier 2030/);
    assert.match(detail.body, /<td>12:00<\/td>/);

    const english = await t.app.inject({ url: `/rendez-vous/gerer?token=${second.manage}&lang=en` });
    assert.match(english.body, /My appointments/);
    assert.match(english.body, /Waiting for confirmation/);
  });

  test('a token never opens another address’s appointment', async () => {
    const mine = await book(4);
    const theirs = await book(5);
    const detail = await t.app.inject({
      url: `/rendez-vous/gerer?token=${mine.manage}&reference=${theirs.reference}`,
    });
    assert.equal(detail.statusCode, 404);
    const pdf = await t.app.inject({
      url: `/rendez-vous/convocation.pdf?token=${mine.manage}&reference=${theirs.reference}`,
    });
    assert.equal(pdf.statusCode, 404);
    const page = await t.app.inject({
      url: `/rendez-vous/supprimer?token=${mine.manage}&reference=${theirs.reference}`,
    });
    assert.equal(page.statusCode, 404);
    const wrong = await t.app.inject({ url: `/rendez-vous/gerer?token=${'C'.repeat(43)}` });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /Lien inutilisable/);
    const confirmToken = await t.app.inject({ url: `/rendez-vous/gerer?token=${mine.confirm}` });
    assert.equal(confirmToken.statusCode, 404);
  });
});

describe('deleting an appointment', () => {
  test('asks for confirmation, then cancels, frees the seat and sends the cancellation email', async () => {
    const booking = await book(6);
    // Through the address-wide link, as after "Annuler, consulter et gérer".
    await askForLink(booking.who.email);
    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.to.includes(booking.who.email) && m.subject === 'Vos demandes de rendez-vous',
      5000,
    );
    const token = tokenFrom(mail.text, '/rendez-vous/gerer');
    assert.equal(await taken(6), 1);

    const page = await t.app.inject({
      url: `/rendez-vous/supprimer?token=${token}&reference=${booking.reference}`,
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Suppression d&#39;une demande de rendez-vous/);
    assert.match(page.body, /Confirmez-vous la suppression de ce rendez-vous \?/);
    for (const header of ['Statut', 'Nom', 'Déposée le', 'Nature', 'Date', 'Heure', 'Durée']) {
      assert.match(page.body, new RegExp(`<th scope="col">${header}</th>`));
    }
    assert.match(page.body, /Oui, je supprime ce rendez-vous/);
    assert.match(
      page.body,
      new RegExp(`href="/rendez-vous/gerer\\?token=${token}">Non, finalement je conserve ce rendez-vous`),
    );
    assert.equal(await taken(6), 1, 'showing the page changes nothing');

    const done = await submit(page, '/rendez-vous/supprimer', { token, reference: booking.reference });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Vous recevrez par courriel une confirmation d&#39;annulation de rendez-vous\./);
    assert.equal(await taken(6), 0, 'the seat is free again');
    await t.deliverMail();
    const cancellation = await t.mail.waitFor(
      (m) => m.to.includes(booking.who.email) && m.subject.includes("Confirmation d'annulation"),
      5000,
    );
    assert.match(cancellation.text, new RegExp(booking.reference));

    const again = await submit(page, '/rendez-vous/supprimer', { token, reference: booking.reference });
    assert.equal(again.statusCode, 409);
  });
});

describe('changing the slot', () => {
  test('a full slot is refused and the old seat kept; a free one moves the booking atomically', async () => {
    const mine = await book(7);
    await book(8); // someone else holds the only seat of slot 8
    const before = await t.database.db
      .selectFrom('booking')
      .select(['identity_key', 'reference', 'slot_id'])
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();

    const page = await t.app.inject({
      url: `/rendez-vous/changer?token=${mine.manage}&reference=${mine.reference}`,
    });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Changer de créneau/);
    assert.match(page.body, /Créneaux du lundi 7 janvier 2030/);
    assert.match(page.body, new RegExp(`value="${fixture.slotIds[9]}"`), 'a free slot is offered');
    assert.doesNotMatch(page.body, new RegExp(`value="${fixture.slotIds[8]}"`), 'a full slot is not');
    assert.doesNotMatch(page.body, new RegExp(`name="slotId" value="${fixture.slotIds[7]}"`));
    assert.match(page.body, /<label class="fr-label" for="slotId">/);

    const full = await submit(page, '/rendez-vous/changer', {
      token: mine.manage,
      reference: mine.reference,
      slotId: String(fixture.slotIds[8]),
    });
    assert.equal(full.statusCode, 409);
    assert.match(full.body, /Ce créneau vient d&#39;être pris/);
    assert.deepEqual([await taken(7), await taken(8)], [1, 1], 'nothing changed');
    const unchanged = await t.database.db
      .selectFrom('booking')
      .select('slot_id')
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.slot_id, before.slot_id);

    const moved = await submit(page, '/rendez-vous/changer', {
      token: mine.manage,
      reference: mine.reference,
      slotId: String(fixture.slotIds[9]),
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.match(moved.body, /Rendez-vous déplacé/);
    assert.deepEqual([await taken(7), await taken(9)], [0, 1], 'old seat freed, new one taken');
    const after = await t.database.db
      .selectFrom('booking')
      .select(['identity_key', 'reference', 'slot_id', 'status'])
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.identity_key, before.identity_key);
    assert.equal(after.reference, before.reference);
    assert.equal(after.slot_id, String(fixture.slotIds[9]));
    assert.equal(after.status, 'confirmed');

    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.to.includes(mine.who.email) && m.subject.includes('déplacé'),
      5000,
    );
    assert.match(mail.text, /Heure : 18:00/, 'the email gives the new local time');
    assert.equal(mail.attachments.length, 2, 'a new convocation comes with it');
  });

  test('no slot chosen: the page comes back with the error, the booking unchanged', async () => {
    const mine = await book(10);
    const page = await t.app.inject({
      url: `/rendez-vous/changer?token=${mine.manage}&reference=${mine.reference}`,
    });
    const answer = await submit(page, '/rendez-vous/changer', {
      token: mine.manage,
      reference: mine.reference,
    });
    assert.equal(answer.statusCode, 422);
    assert.match(answer.body, /Choisissez un créneau\./);
    assert.match(answer.body, /href="#slotId"/);
    assert.equal(await taken(10), 1);
  });
});

describe('with the security check on', () => {
  test('the page shows the ALTCHA widget, and an unsolved check sends nothing', async () => {
    const guarded = await createTestApp({ env: { CAPTCHA: 'on' } });
    try {
      const page = await guarded.app.inject({ url: '/rendez-vous/gerer' });
      assert.match(
        page.body,
        /<altcha-widget challenge="\/api\/v1\/captcha\?action=manage_link" name="altcha"/,
      );
      assert.match(page.body, /js\/altcha\.min\.js/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const answer = await guarded.app.inject({
        method: 'POST',
        url: '/rendez-vous/gerer',
        cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])),
        payload: { _csrf: csrf, email: 'someone@example.org', altcha: 'forged' },
      });
      assert.equal(answer.statusCode, 403);
      assert.match(answer.body, /Le contrôle de sécurité a échoué/);
      const queued = await guarded.database.db.selectFrom('outbox').select('id').execute();
      assert.equal(queued.length, 0);
    } finally {
      await guarded.close();
    }
  });
});
