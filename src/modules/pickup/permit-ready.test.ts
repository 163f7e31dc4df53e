import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { writingFor } from '../notify/email-layout.ts';
import { permitReady } from '../notify/notifiers/permit-ready.ts';
import { smsLength, smsText } from '../notify/sms/gsm7.ts';

// The announcement's texts (pure): the SMS in GSM-7 and short, the email naming the code and the hours.

const permit = {
  id: '1',
  status: 'ready' as const,
  reference: 'K7M3QX',
  lastName: 'Diallo',
  firstName: 'Awa',
  email: 'awa@example.org',
  phone: '+33612345678',
  siteName: 'Sous-préfecture de Saint-Julien-en-Genevois',
  siteAddress: '1 rue de la Sous-Préfecture',
  departmentCode: '74',
  arrivalAdvice: { fr: 'Du lundi au vendredi, de 9 h à 12 h.' },
  contactPhone: null,
  contactEmail: null,
  pickUpProcedureCode: null,
  bookingUrl: null,
};
const context = { ...writingFor('fr'), links: {} };

describe('the announcement of a permit ready', () => {
  test('the SMS is GSM-7 in one segment at the pick-up hours, two at most with the booking link', () => {
    const hours = smsText(permitReady.sms?.(permit, context).text ?? '');
    assert.deepEqual(
      { ...smsLength(hours), units: undefined },
      { encoding: 'GSM-7', units: undefined, segments: 1 },
    );
    const slots = {
      ...permit,
      bookingUrl: 'https://rdv.example.gouv.fr/departements/74/demarches/remise-titre',
    };
    const linked = smsText(permitReady.sms?.(slots, context).text ?? '');
    assert.equal(smsLength(linked).encoding, 'GSM-7');
    assert.ok(smsLength(linked).segments <= 2, linked);
    assert.match(linked, /Code : K7M3QX$/);
  });

  test('the Arabic SMS is UCS-2 in two segments at the pick-up hours, three at most with the link', () => {
    const ar = { ...writingFor('ar'), links: {} };
    const hours = smsText(permitReady.sms?.(permit, ar).text ?? '');
    assert.deepEqual(
      { ...smsLength(hours), units: undefined },
      { encoding: 'UCS-2', units: undefined, segments: 2 },
    );
    const bookingUrl = 'https://rdv.example.gouv.fr/departements/74/demarches/remise-titre';
    const linked = smsText(permitReady.sms?.({ ...permit, bookingUrl }, ar).text ?? '');
    assert.ok(smsLength(linked).segments <= 3, linked);
    assert.ok(linked.includes(bookingUrl));
    assert.match(linked, /الرمز: K7M3QX$/);
  });

  test('the email names the code, the office and its hours; in English for an English holder', () => {
    const fr = permitReady.email(permit, context);
    assert.match(fr.subject, /K7M3QX/);
    assert.match(fr.text, /Bonjour Awa Diallo/);
    assert.match(fr.text, /Du lundi au vendredi, de 9 h à 12 h/);
    const en = permitReady.email(permit, { ...writingFor('en'), links: {} });
    assert.match(en.subject, /Your residence permit is ready/);
    const ar = permitReady.email(permit, { ...writingFor('ar'), links: {} });
    assert.equal(ar.subject, 'بطاقة إقامتكم جاهزة (الرمز K7M3QX)');
    assert.match(ar.text, /مرحبًا Awa Diallo،/);
    // The office wrote its hours in French only: they are given in French rather than not at all.
    assert.match(ar.text, /Du lundi au vendredi, de 9 h à 12 h/);
    assert.match(ar.html, /<html lang="ar" dir="rtl">/);
  });
});
