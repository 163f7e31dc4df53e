import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signConvocation } from '../../src/modules/convocation/qr-token.ts';
import { bookingsOf, claimsOf, type StoredBooking } from './helpers/booking-state.ts';
import { chromiumSkip, type E2E, E2E_SECRET_KEY, linkIn, startE2E } from './helpers/browser.ts';
import {
  bookFromStep1,
  mainText,
  navigateBy,
  type Person,
  passAltcha,
  person,
  submitFormWith,
} from './helpers/journey.ts';

// "Annuler, consulter et gérer mes demandes de rendez-vous" without an emailed link at hand, and the
// counter's check of a convocation's QR code.

let e: E2E;
let who: Person;
let booking: StoredBooking;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E({ captcha: true });
  who = person(e.today);
  const page = await e.newPage();
  await bookFromStep1(page, who, { captcha: true });
  const request = await e.mail.waitFor((m) => m.to.includes(who.email));
  await page.goto(linkIn(request, '/rendez-vous/confirmer'));
  await submitFormWith(page, '[type="submit"]');
  const [stored] = await bookingsOf(e.database.db, who.email);
  assert.equal(stored?.status, 'confirmed');
  booking = stored;
  await page.context().close();
});
after(() => e?.close());

/** Asks for the manage link by typing an address, after the security check; gives the answer's text. */
async function askForLink(email: string): Promise<string> {
  const page = await e.newPage();
  await page.goto('/rendez-vous/gerer');
  await passAltcha(page);
  await page.locator('main input[name="email"]').fill(email);
  await submitFormWith(page, 'input[name="email"]');
  const answer = await mainText(page);
  await page.context().close();
  return answer;
}

describe('managing appointments by typing one’s email address', { skip: chromiumSkip }, () => {
  test('the answer is the same for an address with bookings and one without; only the first gets a link', async () => {
    const unknown = `nobody.${Date.now()}@example.org`;
    const known = await askForLink(who.email);
    const other = await askForLink(unknown);
    assert.equal(other, known, 'the page never tells whether the address has bookings');

    const linkMail = await e.mail.waitFor(
      (m) => m.to.includes(who.email) && /Vos demandes de rendez-vous/.test(m.subject),
    );
    const all = await e.mail.all();
    assert.equal(
      all.filter((m) => m.to.includes(unknown)).length,
      0,
      'no email to an address without bookings',
    );

    const page = await e.newPage();
    await page.goto(linkIn(linkMail, '/rendez-vous/gerer'));
    const consult = page.locator(`main a[href*="reference=${booking.reference}"]`);
    assert.ok((await consult.count()) > 0, 'the list shows the appointment');
    await navigateBy(page, consult.first());
    assert.ok((await mainText(page)).includes(booking.reference));
  });

  test('a malformed address is refused with the error pattern, and nothing is sent', async () => {
    const page = await e.newPage();
    await page.goto('/rendez-vous/gerer');
    await page.locator('main input[name="email"]').fill('not-an-address');
    await submitFormWith(page, 'input[name="email"]');
    const summary = page.locator('main [role="alert"]');
    await summary.first().waitFor();
    assert.equal(await summary.locator('a[href="#email"]').count(), 1, 'the summary links to the field');
    assert.equal(await page.locator('main input[name="email"]').getAttribute('aria-invalid'), 'true');
  });
});

describe('checking a convocation’s QR code at /verifier', { skip: chromiumSkip }, () => {
  test('a genuine code is "authentique", with the identity to compare', async () => {
    const code = signConvocation(claimsOf(booking), E2E_SECRET_KEY);
    const page = await e.newPage();
    await page.goto(`/verifier?code=${encodeURIComponent(code)}`);
    const text = await mainText(page);
    assert.match(text, /authentique/i);
    assert.ok(text.includes(booking.reference));
    assert.ok(text.includes(who.lastName.toUpperCase()) || text.includes(who.lastName));
  });

  test('a code with one character changed is "non reconnu"', async () => {
    const code = signConvocation(claimsOf(booking), E2E_SECRET_KEY);
    const last = code.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${code.slice(0, -2)}${last}${code.at(-1)}`;
    const page = await e.newPage();
    await page.goto(`/verifier?code=${encodeURIComponent(tampered)}`);
    const text = await mainText(page);
    assert.match(text, /non reconnu/i);
    assert.doesNotMatch(text, /Convocation authentique/);
    assert.ok(!text.includes(booking.reference), 'nothing of the booking is shown');
  });

  test('a code typed into the form is checked too', async () => {
    const page = await e.newPage();
    await page.goto('/verifier');
    await page.locator('main input[name="code"]').fill('c1.bm90.c2lnbg');
    await submitFormWith(page, 'input[name="code"]');
    assert.match(await mainText(page), /non reconnu/i);
    assert.match(new URL(page.url()).search, /code=/);
  });
});
