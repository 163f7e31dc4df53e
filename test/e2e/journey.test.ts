import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { bookingsOf, download, localTimeOf, pdfText, seatsTaken } from './helpers/booking-state.ts';
import { chromiumSkip, type E2E, linkIn, startE2E } from './helpers/browser.ts';
import {
  acceptConditions,
  applicantField,
  chooseFirstSlot,
  DEPARTMENT,
  fillApplicant,
  focused,
  mainText,
  navigateBy,
  passSecurityCheck,
  person,
  STEP1,
  submitApplicant,
  submitFormWith,
  textOf,
  validateBooking,
} from './helpers/journey.ts';

// The applicant's whole journey in a real browser against a real server process, with the
// proof-of-work captcha solved by the ALTCHA widget in the page.

let e: E2E;

before(async () => {
  if (!chromiumSkip) e = await startE2E({ captcha: true });
});
after(() => e?.close());

const WORDING = {
  fr: {
    confirmSubject: 'Confirmez votre demande',
    confirmedSubject: 'Votre rendez-vous est confirmé',
    movedSubject: 'Votre rendez-vous a été déplacé',
    cancelledSubject: "Confirmation d'annulation",
    remember: /N.oubliez pas de confirmer votre rendez-vous/,
    deleteQuestion: /Confirmez-vous la suppression de ce rendez-vous \?/,
    yes: 'Oui, je supprime ce rendez-vous',
  },
  en: {
    confirmSubject: 'Confirm your appointment request',
    confirmedSubject: 'Your appointment is confirmed',
    movedSubject: 'Your appointment has been moved',
    cancelledSubject: 'Your appointment has been cancelled',
    remember: /Do not forget to confirm your appointment/,
    deleteQuestion: /Do you confirm that you want to cancel this appointment\?/,
    yes: 'Yes, cancel this appointment',
  },
} as const;

/** Follows the home page to the département, then to step 1 of the renewal, as a person would. */
async function homeToStep1(page: Page, locale: 'fr' | 'en'): Promise<void> {
  await page.goto(`/?lang=${locale}`);
  assert.equal(await page.locator('html').getAttribute('lang'), locale);
  await navigateBy(page, page.locator(`main a[href="/departements/${DEPARTMENT}"]`).first());
  await navigateBy(page, page.locator(`main a[href^="${STEP1}"]`).first());
  assert.equal(new URL(page.url()).pathname, STEP1);
}

/** Clicks the link of the appointments list that goes to `path` (Consulter, Supprimer, Changer…). */
async function follow(page: Page, path: string): Promise<void> {
  await navigateBy(page, page.locator(`main a[href^="${path}"]`).first());
  assert.equal(new URL(page.url()).pathname, path);
}

for (const locale of ['fr', 'en'] as const) {
  const w = WORDING[locale];
  test(`${locale}: book, confirm from the email, download the convocation, consult, reschedule, delete`, {
    skip: chromiumSkip,
  }, async () => {
    const page = await e.newPage(locale === 'en' ? { locale: 'en-GB' } : {});
    const who = person(e.today);

    await homeToStep1(page, locale);
    await acceptConditions(page);
    await chooseFirstSlot(page);
    await passSecurityCheck(page, true);
    await fillApplicant(page, who);
    await submitApplicant(page);
    await validateBooking(page);
    assert.match(await mainText(page), w.remember);

    const [pending] = await bookingsOf(e.database.db, who.email);
    assert.ok(pending, 'the booking is stored');
    assert.equal(pending.status, 'pending');

    // The emailed link opens a page; only its button confirms (mail scanners open links).
    const request = await e.mail.waitFor(
      (m) => m.to.includes(who.email) && m.subject.includes(w.confirmSubject),
    );
    assert.ok(request.subject.includes(pending.reference));
    await page.goto(linkIn(request, '/rendez-vous/confirmer'));
    assert.equal((await bookingsOf(e.database.db, who.email))[0]?.status, 'pending');
    await submitFormWith(page, '[type="submit"]');
    assert.equal((await bookingsOf(e.database.db, who.email))[0]?.status, 'confirmed');

    const pdfHref = await page.locator('main a[href*="convocation.pdf"]').first().getAttribute('href');
    assert.ok(pdfHref, 'the confirmed page links to the convocation');
    const pdf = await download(page, pdfHref);
    assert.match(pdf.contentType, /application\/pdf/);
    const text = await pdfText(pdf.body);
    assert.ok(text.includes(pending.reference), `the convocation shows the reference:\n${text}`);
    assert.ok(text.includes(localTimeOf(pending)), `the convocation shows ${localTimeOf(pending)}:\n${text}`);

    const confirmed = await e.mail.waitFor(
      (m) => m.to.includes(who.email) && m.subject.includes(w.confirmedSubject),
    );
    const attached = confirmed.attachments.map((a) => a.filename).join(' ');
    assert.match(attached, /\.pdf\b/);
    assert.match(attached, /\.ics\b/);

    // Consult from the emailed link.
    const manageUrl = linkIn(confirmed, '/rendez-vous/gerer');
    await page.goto(manageUrl);
    const consult = page.locator(
      `main a[href^="/rendez-vous/gerer?"][href*="reference=${pending.reference}"]`,
    );
    await navigateBy(page, consult.first());
    assert.ok((await mainText(page)).includes(pending.reference), 'the details show the reference');

    // Reschedule: the same appointment moves to another slot; the old seat is released.
    const takenBefore = await seatsTaken(e.database.db, pending.slotId);
    await follow(page, '/rendez-vous/changer');
    const radios = page.locator(`main input[type="radio"][name="slotId"]:not([value="${pending.slotId}"])`);
    const other = radios.first();
    const id = await other.getAttribute('id');
    await page.locator(`label[for="${id}"]`).click();
    await submitFormWith(page, 'input[name="slotId"]');
    const [moved] = await bookingsOf(e.database.db, who.email);
    assert.equal(moved?.reference, pending.reference);
    assert.equal(moved?.status, 'confirmed');
    assert.notEqual(moved?.slotId, pending.slotId);
    assert.equal(
      await seatsTaken(e.database.db, pending.slotId),
      takenBefore - 1,
      'the old seat is released',
    );
    await e.mail.waitFor((m) => m.to.includes(who.email) && m.subject.includes(w.movedSubject));

    // Delete, after the explicit question.
    await page.goto(manageUrl);
    await follow(page, '/rendez-vous/supprimer');
    assert.match(await mainText(page), w.deleteQuestion);
    await navigateBy(page, page.getByRole('button', { name: w.yes }));
    assert.equal((await bookingsOf(e.database.db, who.email))[0]?.status, 'cancelled');
    const cancelled = await e.mail.waitFor(
      (m) => m.to.includes(who.email) && m.subject.includes(w.cancelledSubject),
    );
    assert.ok(cancelled.subject.includes(pending.reference));
  });
}

describe('validation in step 4', { skip: chromiumSkip }, () => {
  test('a 9-digit foreigner number is refused with the corrected number, then accepted once fixed', async () => {
    const page = await e.newPage();
    const who = person(e.today, { foreignerNumber: '741234567' });
    await page.goto(STEP1);
    await acceptConditions(page);
    await chooseFirstSlot(page);
    await passSecurityCheck(page, true);
    await fillApplicant(page, who);
    await submitApplicant(page);

    const summary = page.locator('main [role="alert"]').first();
    await summary.waitFor();
    const link = summary.locator('a[href="#applicant-foreignerNumber"]');
    assert.equal(await link.count(), 1, 'the error summary links to the field');
    assert.match(await textOf(link), /7401234567/);
    const field = applicantField(page, 'foreignerNumber');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await mainText(page), /Votre numéro est probablement 7401234567/);
    // The link takes the focus to the field, as the DSFR error pattern wants.
    await link.click();
    assert.match((await focused(page)) ?? '', /foreignerNumber$/);

    await field.fill('7401234567');
    await submitApplicant(page);
    await validateBooking(page);
    const [booking] = await bookingsOf(e.database.db, who.email);
    assert.equal(booking?.status, 'pending');
  });
});
