import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locale } from '../../../db/schema.ts';
import { writingFor } from '../email-layout.ts';
import { bookingCancelled } from './booking-cancelled.ts';
import { bookingConfirmRequested } from './booking-confirm-requested.ts';
import { bookingConfirmed } from './booking-confirmed.ts';
import type { MessageBooking } from './booking-message.ts';
import { bookingRescheduled } from './booking-rescheduled.ts';
import { manageLinkRequested } from './manage-link-requested.ts';

// The notifiers' `email` is pure: these tests need no database.

const booking: MessageBooking = {
  id: '42',
  slotId: '7',
  status: 'pending',
  email: 'catherine.martin@example.org',
  phone: '+33612345678',
  reference: 'K7M-4QX-92B',
  procedureTitle: '3.1 Renouvellement de visa de long séjour valant titre de séjour',
  siteName: 'Préfecture de la Haute-Savoie',
  siteAddress: 'Rue du 30e régiment d’infanterie, 74000 Annecy',
  // 07:05 UTC: 09:05 in Paris (summer time), 11:05 in Réunion.
  startsAt: new Date('2019-06-21T07:05:00Z'),
  timezone: 'Europe/Paris',
  durationMinutes: 20,
  firstName: 'Catherine',
  lastName: 'Martin',
  holdExpiresAt: new Date('2019-05-16T15:35:00Z'),
  arrivalAdvice: {
    fr: 'Présentez-vous 30 minutes en avance au guichet B.',
    en: 'Please arrive 30 minutes early at counter B.',
  },
  admissionRule: { fr: '1 rendez-vous = 1 personne = 1 dossier.' },
};
const links = {
  confirm: 'https://rdv.example.fr/rendez-vous/confirmer?token=abc&x=1',
  manage: 'https://rdv.example.fr/mes-rendez-vous?token=def',
  access: 'https://rdv.example.fr/mes-rendez-vous?token=def',
};

const confirmRequest = (b: MessageBooking, locale: Locale = 'fr') =>
  bookingConfirmRequested.email(b, { ...writingFor(locale), links });

describe('confirmation request email', () => {
  it('reminds in French to confirm and writes out the confirmation and manage links', () => {
    const email = confirmRequest(booking);
    assert.equal(email.to, booking.email);
    assert.match(email.text, /N'oubliez pas de confirmer votre rendez-vous/);
    assert.ok(email.text.includes(links.confirm));
    assert.match(
      email.text,
      /Annuler, consulter et gérer mes demandes de rendez-vous :\nhttps:\/\/rdv\.example\.fr\/mes-rendez-vous\?token=def/,
    );
    assert.ok(email.html.includes('href="https://rdv.example.fr/rendez-vous/confirmer?token=abc&amp;x=1"'));
    assert.match(email.html, /N&#39;oubliez pas de confirmer votre rendez-vous/);
    assert.match(email.subject, /K7M-4QX-92B/);
  });

  it("says until when the seat is held, in the site's local time", () => {
    assert.match(confirmRequest(booking).text, /jusqu'au jeudi 16 mai 2019 à 17:35/);
  });

  it('shows the same instant at different times for a site in Paris and a site in Réunion', () => {
    const paris = confirmRequest(booking);
    const reunion = confirmRequest({ ...booking, timezone: 'Indian/Reunion' });
    assert.match(paris.text, /Heure : 09:05/);
    assert.match(reunion.text, /Heure : 11:05/);
    assert.match(reunion.text, /jusqu'au jeudi 16 mai 2019 à 19:35/);
  });

  it('shows the date of the site, which may be the next day in an overseas zone', () => {
    const late = { ...booking, startsAt: new Date('2019-06-21T21:30:00Z'), timezone: 'Indian/Reunion' };
    assert.match(confirmRequest(late).text, /Date : samedi 22 juin 2019/);
  });

  it('is written in English for an English-speaking applicant', () => {
    const email = confirmRequest(booking, 'en');
    assert.match(email.text, /Do not forget to confirm your appointment/);
    assert.match(email.text, /Friday 21 June 2019|Friday, June 21, 2019/);
    assert.doesNotMatch(email.text, /N'oubliez pas|Bonjour/);
    assert.match(email.html, /<html lang="en">/);
  });

  it('is written in Arabic, right to left, for an Arabic-speaking applicant', () => {
    const email = confirmRequest(booking, 'ar');
    assert.match(email.subject, /^أكّدوا طلب موعدكم \(المرجع K7M-4QX-92B\)$/);
    assert.match(email.text, /لا تنسوا تأكيد موعدكم/);
    assert.match(email.text, /التاريخ: الجمعة، 21 يونيو 2019/);
    assert.match(email.text, /الساعة: 09:05/);
    assert.doesNotMatch(email.text, /N'oubliez pas|Bonjour|Présentez-vous/);
    assert.ok(email.text.includes(links.confirm));
    assert.match(email.html, /<html lang="ar" dir="rtl">/);
    assert.match(email.html, /<th scope="row" style="text-align:right;/);
  });

  it('escapes a name holding markup in the HTML version', () => {
    const email = confirmRequest({ ...booking, firstName: "<b>O'Brien</b>" });
    assert.ok(email.html.includes('&lt;b&gt;O&#39;Brien&lt;/b&gt;'));
    assert.ok(!email.html.includes('<b>'));
    assert.ok(email.text.includes("<b>O'Brien</b>"));
  });
});

describe('confirmed booking email', () => {
  it('follows the préfecture wording with nature, date, time, duration, place and manage link', () => {
    const email = bookingConfirmed.email({ ...booking, status: 'confirmed' }, { ...writingFor('fr'), links });
    assert.match(email.text, /Nous vous confirmons que votre demande de rendez-vous a été enregistrée\./);
    assert.match(email.text, /Nature : 3\.1 Renouvellement de visa/);
    assert.match(email.text, /Date : vendredi 21 juin 2019/);
    assert.match(email.text, /Heure : 09:05/);
    assert.match(email.text, /Durée : 20 mn/);
    assert.match(email.text, /Référence : K7M-4QX-92B/);
    assert.match(email.text, /Préfecture de la Haute-Savoie/);
    assert.match(email.text, /74000 Annecy/);
    assert.match(
      email.text,
      /Gérer vos demandes de rendez-vous :\nhttps:\/\/rdv\.example\.fr\/mes-rendez-vous\?token=def/,
    );
  });
});

describe('the office’s arrival advice and the procedure’s admission rule', () => {
  const confirmed = { ...booking, status: 'confirmed' as const };
  const texts = (b: MessageBooking, locale: Locale) => ({
    confirmed: bookingConfirmed.email(b, { ...writingFor(locale), links }),
    rescheduled: bookingRescheduled.email(b, { ...writingFor(locale), links }),
  });

  it('are the préfecture’s own texts, in the confirmation and the rescheduling emails', () => {
    for (const email of Object.values(texts(confirmed, 'fr'))) {
      assert.match(email.text, /\n\nPrésentez-vous 30 minutes en avance au guichet B\.\n\n/);
      assert.match(email.text, /\n\n1 rendez-vous = 1 personne = 1 dossier\.\n\n/);
      assert.match(email.html, /<p[^>]*>Présentez-vous 30 minutes en avance au guichet B\.<\/p>/);
      assert.doesNotMatch(email.text, /10 minutes/);
    }
  });

  it('are in English when written in English, in French when not', () => {
    for (const email of Object.values(texts(confirmed, 'en'))) {
      assert.match(email.text, /Please arrive 30 minutes early at counter B\./);
      assert.doesNotMatch(email.text, /guichet B/);
      assert.match(email.text, /1 rendez-vous = 1 personne = 1 dossier\./, 'no English version: French');
    }
  });

  it('are in Arabic when written in Arabic, in French when not', () => {
    const arrivalAdvice = {
      fr: 'Présentez-vous 30 minutes en avance au guichet B.',
      ar: 'احضروا قبل 30 دقيقة إلى الشباك B.',
    };
    for (const email of Object.values(texts({ ...confirmed, arrivalAdvice }, 'ar'))) {
      assert.match(email.text, /احضروا قبل 30 دقيقة إلى الشباك B\./);
      assert.doesNotMatch(email.text, /guichet B|counter B/);
      assert.match(email.text, /1 rendez-vous = 1 personne = 1 dossier\./, 'no Arabic version: French');
    }
  });

  it('are left out when the préfecture wrote none', () => {
    const none = { ...confirmed, arrivalAdvice: null, admissionRule: null };
    for (const email of Object.values(texts(none, 'fr'))) {
      assert.doesNotMatch(email.text, /guichet B|1 dossier|en avance/);
      assert.doesNotMatch(email.text, /\n\n\n/, 'no empty paragraph');
    }
    assert.ok(texts(confirmed, 'fr').confirmed.text.length > texts(none, 'fr').confirmed.text.length);
  });
});

describe('cancellation email', () => {
  const cancelled = { ...booking, status: 'cancelled' as const };

  it('says which appointment was cancelled, in the site time', () => {
    const email = bookingCancelled.email(cancelled, { ...writingFor('fr'), links: {} });
    assert.match(email.subject, /Confirmation d'annulation de rendez-vous/);
    assert.match(email.text, /Votre rendez-vous du vendredi 21 juin 2019 à 09:05 a été annulé\./);
  });

  it('is written in English for an English-speaking applicant', () => {
    const email = bookingCancelled.email(cancelled, { ...writingFor('en'), links: {} });
    assert.match(email.text, /has been cancelled/);
  });
});

describe('rescheduling email', () => {
  it('announces a new convocation only for a confirmed booking', () => {
    const render = (status: MessageBooking['status']) =>
      bookingRescheduled.email({ ...booking, status }, { ...writingFor('fr'), links }).text;
    assert.match(render('confirmed'), /Votre nouvelle convocation est jointe/);
    assert.doesNotMatch(render('pending'), /convocation est jointe/);
    assert.match(render('pending'), /Votre rendez-vous a bien été déplacé/);
  });
});

describe('manage link email', () => {
  it('carries the link to manage the appointment requests, to the address as booked', () => {
    const email = manageLinkRequested.email(
      { email: 'Catherine.Martin@example.org', emailKey: 'catherine.martin@example.org' },
      { ...writingFor('fr'), links },
    );
    assert.equal(email.to, 'Catherine.Martin@example.org');
    assert.match(
      email.text,
      /Gérer vos demandes de rendez-vous :\nhttps:\/\/rdv\.example\.fr\/mes-rendez-vous\?token=def/,
    );
    assert.ok(email.html.includes('href="https://rdv.example.fr/mes-rendez-vous?token=def"'));
  });
});
