import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText } from 'unpdf';
import { signConvocation } from '../src/modules/convocation/qr-token.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';

let t: TestApp;
let fixture: Fixture;

before(async () => {
  t = await createTestApp();
  // The first slot is 2030-01-07T08:00Z: 09:00 in Annecy.
  fixture = await createFixture(t.database.db, { slots: 3, capacity: 50 });
});
after(() => t.close());

/** The anti-forgery cookie and field of a page, to POST its form as a browser would. */
function formSecrets(page: { body: string; cookies: { name: string; value: string }[] }) {
  const field = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(page.cookies.some((c) => c.name === 'csrf') && field, 'the page carries a CSRF cookie and field');
  // Every cookie the page set goes back, the language included, as a browser would send them.
  return { cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])), _csrf: field };
}

async function book(who = applicant(), headers: Record<string, string> = {}) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers,
    payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: who },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id, reference } = created.json() as { id: number; reference: string };
  return {
    id: String(id),
    reference,
    who,
    ...(await tokensOf(t.database.db, String(id), t.config.secretKey)),
  };
}

async function confirmOnPage(confirmToken: string, query = '') {
  const page = await t.app.inject({ url: `/rendez-vous/confirmer?token=${confirmToken}${query}` });
  assert.equal(page.statusCode, 200, page.body);
  const { cookies, _csrf } = formSecrets(page);
  const done = await t.app.inject({
    method: 'POST',
    url: '/rendez-vous/confirmer',
    cookies,
    payload: { _csrf, token: confirmToken },
  });
  return { page, done };
}

async function pdfText(content: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(content), { mergePages: true });
  return text;
}

describe('the confirmation page', () => {
  test('shows the appointment in the office’s time, confirms with a POST, then offers the convocation', async () => {
    const booking = await book();
    const { page, done } = await confirmOnPage(booking.confirm);
    assert.match(page.body, /<form method="post" action="\/rendez-vous\/confirmer">/);
    assert.match(page.body, /Confirmer mon rendez-vous/);
    assert.match(page.body, /lundi 7 janvier 2030/);
    assert.match(page.body, /<td>09:00<\/td>/, 'the time is the office’s local time');
    assert.match(page.body, new RegExp(booking.reference));

    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Votre rendez-vous est confirmé/);
    assert.match(done.body, /Télécharger la convocation/);
    assert.match(done.body, /Ajouter à mon agenda/);
    const pdfLink = /href="(\/rendez-vous\/convocation\.pdf\?token=[A-Za-z0-9_-]+)"/.exec(done.body)?.[1];
    assert.ok(pdfLink, 'the success page links to the PDF');

    const pdf = await t.app.inject({ url: pdfLink });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(
      pdf.headers['content-disposition'],
      `attachment; filename="convocation-${booking.reference}.pdf"`,
    );
    assert.equal(pdf.headers['cache-control'], 'no-store');
    const text = await pdfText(pdf.rawPayload);
    assert.match(text, new RegExp(booking.reference));
    assert.match(text, /09:00/);
    assert.match(text, /12\/04\/1990/, 'the birth date is printed');
    assert.match(text, new RegExp(String(booking.who.foreignerNumber)));

    const ics = await t.app.inject({ url: pdfLink.replace('convocation.pdf', 'convocation.ics') });
    assert.equal(ics.statusCode, 200);
    assert.match(String(ics.headers['content-type']), /^text\/calendar/);
    assert.match(ics.body, /DTSTART:20300107T080000Z/);
    assert.ok(!ics.body.includes(booking.who.lastName), 'no identity in the calendar file');
  });

  test('the confirmation email carries the convocation PDF and the calendar file', async () => {
    const booking = await book();
    const { done } = await confirmOnPage(booking.confirm);
    assert.equal(done.statusCode, 200);
    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.to.includes(booking.who.email) && m.subject.includes('confirmé'),
      5000,
    );
    assert.equal(mail.attachments.length, 2);
    const [pdf, ics] = mail.attachments;
    assert.equal(pdf?.contentType, 'application/pdf');
    assert.equal(pdf?.filename, `convocation-${booking.reference}.pdf`);
    assert.equal(ics?.contentType, 'text/calendar');
    const text = await pdfText(pdf?.content ?? Buffer.alloc(0));
    assert.match(text, new RegExp(booking.reference));
    assert.match(text, /09:00/);
    assert.match(ics?.content.toString('utf8') ?? '', /DTSTART:20300107T080000Z/);
  });

  test('an English-speaking applicant gets the page, the email and the convocation in English', async () => {
    const booking = await book(applicant(), { 'accept-language': 'en-GB,en;q=0.9' });
    const { page, done } = await confirmOnPage(booking.confirm, '&lang=en');
    assert.match(page.body, /<html lang="en"/);
    assert.match(page.body, /Confirm my appointment/);
    assert.match(page.body, /Monday,? 7 January 2030/);
    assert.match(done.body, /Your appointment is confirmed/);
    assert.match(done.body, /Download the appointment letter/);
    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.to.includes(booking.who.email) && m.subject.includes('confirmed'),
      5000,
    );
    assert.match(await pdfText(mail.attachments[0]?.content ?? Buffer.alloc(0)), /Your appointment/);
  });

  test('a wrong, used or missing confirm link gives a page saying what to do', async () => {
    const wrong = await t.app.inject({ url: `/rendez-vous/confirmer?token=${'A'.repeat(43)}` });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /Lien inutilisable/);
    assert.match(wrong.body, /href="\/rendez-vous\/gerer"/);
    const missing = await t.app.inject({ url: '/rendez-vous/confirmer' });
    assert.equal(missing.statusCode, 404);

    const booking = await book();
    const { done } = await confirmOnPage(booking.confirm);
    assert.equal(done.statusCode, 200);
    const used = await t.app.inject({ url: `/rendez-vous/confirmer?token=${booking.confirm}` });
    assert.equal(used.statusCode, 409);
    assert.match(used.body, /déjà confirmé/);
  });

  test('confirming without the anti-forgery field is refused and confirms nothing', async () => {
    const booking = await book();
    const forged = await t.app.inject({
      method: 'POST',
      url: '/rendez-vous/confirmer',
      payload: { token: booking.confirm },
    });
    assert.equal(forged.statusCode, 403);
    const row = await t.database.db
      .selectFrom('booking')
      .select('status')
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
  });
});

describe('downloading the convocation', () => {
  test('needs a valid manage token of a confirmed booking', async () => {
    const pending = await book();
    assert.equal((await t.app.inject({ url: '/rendez-vous/convocation.pdf' })).statusCode, 404);
    const unknown = await t.app.inject({ url: `/rendez-vous/convocation.pdf?token=${'B'.repeat(43)}` });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Lien inutilisable/);
    const confirmToken = await t.app.inject({
      url: `/rendez-vous/convocation.pdf?token=${pending.confirm}`,
    });
    assert.equal(confirmToken.statusCode, 404, 'a confirm token does not open the convocation');
    const notConfirmed = await t.app.inject({
      url: `/rendez-vous/convocation.pdf?token=${pending.manage}`,
    });
    assert.equal(notConfirmed.statusCode, 409);
    assert.match(notConfirmed.body, /rendez-vous confirmé/);

    const { done } = await confirmOnPage(pending.confirm);
    const token = tokenFrom(done.body, '/rendez-vous/convocation.pdf');
    const now = t.clock.now();
    t.clock.set('2030-03-01T00:00:00Z');
    const expired = await t.app.inject({ url: `/rendez-vous/convocation.pdf?token=${token}` });
    t.clock.set(now);
    assert.equal(expired.statusCode, 410);
    assert.equal(
      (await t.app.inject({ url: `/rendez-vous/convocation.pdf?token=${token}` })).statusCode,
      200,
    );
  });
});

describe('the verification page', () => {
  const claims = () => ({
    reference: '74-TEST-0001',
    siteId: fixture.siteId,
    startsAt: '2030-01-07T08:00:00.000Z',
    lastName: 'Dupont',
    firstName: 'Amina',
    birthDate: '1990-04-12',
  });

  test('shows a form to type the code', async () => {
    const page = await t.app.inject({ url: '/verifier' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="get" action="\/verifier">/);
    assert.match(page.body, /name="code"/);
  });

  test('a code signed by Créneau is genuine: reference, names, birth date, time and office', async () => {
    const booking = await book();
    await confirmOnPage(booking.confirm);
    const code = signConvocation(
      { ...claims(), reference: booking.reference, firstName: booking.who.firstName },
      t.config.secretKey,
    );
    const page = await t.app.inject({ url: `/verifier?code=${encodeURIComponent(code)}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Convocation authentique/);
    assert.match(page.body, new RegExp(booking.reference));
    assert.match(page.body, /<td>Dupont<\/td>/);
    assert.match(page.body, /<td>12\/04\/1990<\/td>/);
    assert.match(page.body, /lundi 7 janvier 2030 à 09:00/);
    assert.match(page.body, /Préfecture d&#39;Annecy/);
    assert.doesNotMatch(page.body, /non reconnu/);
    assert.doesNotMatch(page.body, /plus valable/, 'the booking still stands as printed');
  });

  test('a genuine code of a booking since cancelled or moved is flagged as no longer valid', async () => {
    const code = signConvocation(claims(), t.config.secretKey);
    const page = await t.app.inject({ url: `/verifier?code=${encodeURIComponent(code)}` });
    assert.match(page.body, /Convocation authentique/);
    assert.match(page.body, /Cette convocation n’est plus valable/);
  });

  test('a tampered code, a foreign one or rubbish is not recognised', async () => {
    const genuine = signConvocation(claims(), t.config.secretKey);
    const [version, payload, signature] = genuine.split('.') as [string, string, string];
    const altered = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('Dupont', 'Durand'),
    ).toString('base64url');
    const foreign = signConvocation(claims(), 'another-secret-key-another-secret-key');
    for (const code of [`${version}.${altered}.${signature}`, foreign, 'n-importe-quoi']) {
      const page = await t.app.inject({ url: `/verifier?code=${encodeURIComponent(code)}` });
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /Code non reconnu : cette convocation n&#39;a pas été émise par Créneau ou a été modifiée/,
      );
      assert.doesNotMatch(page.body, /Convocation authentique/);
    }
  });

  test('speaks English when asked', async () => {
    const page = await t.app.inject({ url: '/verifier?code=rubbish&lang=en' });
    assert.match(page.body, /Code not recognised/);
  });
});
