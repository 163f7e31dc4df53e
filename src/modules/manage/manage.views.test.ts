import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BookingDetails } from '../booking/booking.repository.ts';
import { confirmedView, confirmView } from './confirm.views.ts';
import { cancelView, managePageView } from './manage.views.ts';
import { type MoveChoice, moveChoiceView } from './reschedule.views.ts';

// The pages after booking on their own: a view-model in, a page out, no database and no HTTP.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

const booking = (overrides: Partial<BookingDetails> = {}): BookingDetails => ({
  id: '12',
  reference: '74-ABCD-EFGH',
  status: 'confirmed',
  locale: 'fr',
  email: 'amina@example.org',
  phone: null,
  lastName: 'Diallo',
  firstName: 'Amina',
  holdExpiresAt: new Date('2029-12-20T10:30:00Z'),
  confirmedAt: new Date('2029-12-20T10:05:00Z'),
  createdAt: new Date('2029-12-20T10:00:00Z'),
  slotId: '41',
  startsAt: new Date('2030-01-07T08:30:00Z'),
  endsAt: new Date('2030-01-07T08:50:00Z'),
  procedureId: 3,
  procedureTitle: 'Renouvellement de titre de séjour',
  durationMinutes: 20,
  siteId: 7,
  departmentCode: '74',
  arrivalAdvice: null,
  admissionRule: null,
  siteName: 'Préfecture d’Annecy',
  siteAddress: 'Annecy',
  timezone: 'Europe/Paris',
  ...overrides,
});

describe('the manage page', () => {
  test('an undeliverable address is a 422 naming the character, the address kept in the field', () => {
    const page = managePageView(fr, {
      form: 'request',
      captcha: false,
      email: 'amina@exämple.org',
      refused: { field: 'email', code: 'unsupported_character', character: 'ä' },
    });
    assert.equal(page.status, 422);
    assert.match(page.title, /^Erreur : /);
    assert.match(
      page.main.value,
      /<a href="#email">Adresse électronique : L’adresse électronique contient « ä »/,
    );
    assert.match(page.main.value, /value="amina@exämple.org"/);
    assert.deepEqual(page.scripts, []);
  });

  test('a failed proof of work is a 403 linking to the security check; the widget loads when it is on', () => {
    const page = managePageView(en, {
      form: 'request',
      captcha: true,
      email: 'amina@example.org',
      refused: { field: 'altcha', code: 'captcha_failed' },
    });
    assert.equal(page.status, 403);
    assert.match(page.main.value, /<a href="#altcha">Security check: The security check failed/);
    assert.deepEqual(page.scripts, ['js/altcha.min.js']);
  });

  test('the list offers to delete and move only the bookings still to come', () => {
    const page = managePageView(fr, {
      form: 'list',
      token: 'tok',
      bookings: [
        { ...booking(), upcoming: true },
        { ...booking({ reference: '74-PAST-0000', status: 'attended' }), upcoming: false },
      ],
    });
    const rows = page.main.value.split('<tr>').slice(2);
    assert.equal(rows.length, 2);
    assert.match(rows[0] ?? '', /supprimer\?token=tok&amp;reference=74-ABCD-EFGH/);
    assert.match(
      rows[0] ?? '',
      /convocation\.pdf\?token=tok&amp;reference=74-ABCD-EFGH" title="[^"]*" download/,
    );
    assert.doesNotMatch(rows[1] ?? '', /supprimer|changer|convocation/);
    assert.match(rows[1] ?? '', /<td>Honoré<\/td>/);
  });

  test('a link problem explains itself in the page’s language with its status, whatever the page', () => {
    const problem = { problem: { code: 'token_expired', status: 410, message: 'Ce lien a expiré.' } };
    for (const view of [managePageView, confirmView, cancelView, moveChoiceView]) {
      const page = view(en, problem);
      assert.equal(page.status, 410);
      assert.equal(page.title, 'This link cannot be used');
      assert.match(page.main.value, /This link has expired/);
    }
    // A code without English words falls back to a general sentence, never to the French message.
    const other = managePageView(en, { problem: { code: 'captcha_failed', status: 403, message: 'Échec.' } });
    assert.match(other.main.value, /This could not be done\./);
    assert.match(
      managePageView(fr, { problem: { code: 'captcha_failed', status: 403, message: 'Échec.' } }).main.value,
      /Échec\./,
    );
  });
});

describe('the confirmation and the deletion', () => {
  test('the confirmation page shows the deadline in the office’s time and POSTs the token', () => {
    const page = confirmView(fr, { token: 'tok', booking: booking({ status: 'pending' }) });
    assert.match(page.main.value, /Confirmez avant le jeudi 20 décembre 2029 à 11:30/);
    assert.match(page.main.value, /<input type="hidden" name="token" value="tok">/);
    assert.match(page.main.value, /name="_csrf" value="jeton-fr"/);
  });

  test('the confirmed page gives the office’s arrival advice and the procedure’s admission rule', () => {
    const own = booking({
      arrivalAdvice: {
        fr: 'Présentez-vous 30 minutes en avance au guichet B.',
        en: 'Please arrive 30 minutes early at counter B.',
      },
      admissionRule: { fr: '1 rendez-vous = 1 personne = 1 dossier <strict>.' },
    });
    const french = confirmedView(fr, { token: 'tok', booking: own }).main.value;
    assert.match(french, /<p>Présentez-vous 30 minutes en avance au guichet B\.<\/p>/);
    assert.match(french, /<p>1 rendez-vous = 1 personne = 1 dossier &lt;strict&gt;\.<\/p>/, 'escaped');
    const english = confirmedView(en, { token: 'tok', booking: own }).main.value;
    assert.match(english, /<p>Please arrive 30 minutes early at counter B\.<\/p>/);
    assert.match(
      english,
      /<p lang="fr" dir="ltr">1 rendez-vous = 1 personne = 1 dossier &lt;strict&gt;\.<\/p>/,
      'French fallback, marked as French',
    );
    assert.doesNotMatch(english, /guichet B/);
  });

  test('the confirmed page says nothing of arrival or admission when the préfecture wrote neither', () => {
    const page = confirmedView(fr, { token: 'tok', booking: booking() }).main.value;
    assert.doesNotMatch(page, /en avance|1 dossier/);
    assert.doesNotMatch(page, /<p>\s*<\/p>/);
  });

  test('the deletion page shows who and when, and keeps the token in the form', () => {
    const page = cancelView(en, { token: 'tok', booking: booking() });
    assert.match(page.main.value, /<td>Diallo Amina<\/td>/);
    assert.match(page.main.value, /<input type="hidden" name="reference" value="74-ABCD-EFGH">/);
    assert.match(page.main.value, /href="\/rendez-vous\/gerer\?token=tok">No, keep this appointment/);
  });
});

describe('the change of slot', () => {
  const office = {
    siteId: 7,
    offerId: 70,
    name: 'Annecy',
    address: 'Annecy',
    nextFree: new Date('2030-01-08T08:00:00Z'),
  };
  const choice: MoveChoice = {
    token: 'tok',
    booking: booking(),
    offices: [
      office,
      { ...office, siteId: 8, offerId: 80, name: 'Thonon', nextFree: new Date('2030-01-09T08:00:00Z') },
    ],
    office,
    week: {
      monday: '2030-01-07',
      sunday: '2030-01-13',
      thisMonday: '2029-12-17',
      firstMonday: '2030-01-07',
      days: [
        {
          date: '2030-01-08',
          slots: [
            { id: '51', startsAt: new Date('2030-01-08T08:00:00Z'), remaining: 1 },
            { id: '52', startsAt: new Date('2030-01-08T09:00:00Z'), remaining: 1 },
          ],
        },
      ],
      hasLater: false,
    },
  };

  test('a slot taken meanwhile: a 409 whose summary links to the first radio, the booking kept', () => {
    const page = moveChoiceView(fr, { ...choice, error: 'full', status: 409 });
    assert.equal(page.status, 409);
    assert.match(page.main.value, /<a href="#slotId">Changer de créneau : Ce créneau vient d&#39;être pris/);
    assert.match(page.main.value, /<input type="radio" id="slotId" name="slotId" value="51">/);
    assert.match(page.main.value, /<input type="radio" id="creneau-52" name="slotId" value="52">/);
    assert.match(page.main.value, /site=7" aria-current="page">Annecy<\/a>/);
    assert.match(page.main.value, /Semaine précédente/);
  });

  test('no office with a free slot: the page says so, with no form', () => {
    const page = moveChoiceView(fr, { ...choice, offices: [], office: undefined, week: undefined });
    assert.match(page.main.value, /Aucun autre créneau libre pour cette démarche/);
    assert.doesNotMatch(page.main.value, /<form/);
  });
});
