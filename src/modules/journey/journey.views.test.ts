import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JourneySlot } from '../booking/journey.repository.ts';
import type { Office } from '../schedule/week.repository.ts';
import type { FreeWeek } from '../schedule/week.usecases.ts';
import type { DirectoryOffer } from '../territory/directory.repository.ts';
import { descriptifView } from './descriptif.views.ts';
import { journeyStepView } from './journey.views.ts';
import { type SlotChoicePage, slotChoiceView } from './slot-choice.views.ts';

// The journey's views on their own: a view-model in, a page out, no database and no HTTP.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

const slot: JourneySlot = {
  slotId: '41',
  startsAt: new Date('2030-01-07T08:30:00Z'),
  endsAt: new Date('2030-01-07T08:50:00Z'),
  capacity: 2,
  taken: 0,
  heldBack: 0,
  channel: 'booking',
  procedureId: 3,
  procedureCode: 'renouvellement-titre',
  procedureTitle: 'Renouvellement de titre de séjour',
  procedureTranslations: {},
  durationMinutes: 20,
  requiresForeignerNumber: true,
  requiresTitleExpiry: false,
  requiresPostalCode: true,
  titleExpiryWithinDays: null,
  titleExpiredSinceDays: null,
  siteId: 7,
  siteName: 'Préfecture d’Annecy',
  siteAddress: 'Rue du 30e RI, 74000 Annecy',
  departmentCode: '74',
  timezone: 'Europe/Paris',
  arrivalAdvice: null,
  admissionRule: null,
};

const office = (siteId: number, name: string, nextFree: string | null): Office => ({
  siteId,
  offerId: siteId * 10,
  name,
  address: `${name}, 74000`,
  nextFree: nextFree ? new Date(nextFree) : null,
});

function weekPage(week: Partial<FreeWeek> = {}): SlotChoicePage {
  const annecy = office(7, 'Annecy', '2030-01-07T08:30:00Z');
  return {
    kind: 'week',
    code: '74',
    procedureCode: 'renouvellement-titre',
    site: 7,
    wantedWeek: undefined,
    error: undefined,
    procedure: {
      id: 3,
      code: 'renouvellement-titre',
      title: 'Renouvellement de titre de séjour',
      translations: {},
      durationMinutes: 20,
      departmentCode: '74',
      departmentName: 'Haute-Savoie',
      timezone: 'Europe/Paris',
    },
    offices: [annecy, office(8, 'Thonon', null)],
    office: annecy,
    week: {
      monday: '2030-01-07',
      sunday: '2030-01-13',
      thisMonday: '2030-01-07',
      firstMonday: '2030-01-07',
      days: [
        {
          date: '2030-01-07',
          slots: [
            { id: '41', startsAt: new Date('2030-01-07T08:30:00Z'), remaining: 2 },
            { id: '42', startsAt: new Date('2030-01-07T09:30:00Z'), remaining: 1 },
          ],
        },
        {
          date: '2030-01-08',
          slots: [{ id: '43', startsAt: new Date('2030-01-08T08:30:00Z'), remaining: 1 }],
        },
      ],
      hasLater: true,
      ...week,
    },
  };
}

describe('step 2: the week of free slots', () => {
  test('one fieldset per local day, times in the office’s zone, the form carrying the anti-forgery token', () => {
    const page = slotChoiceView(fr, weekPage());
    const main = page.main.value;
    assert.equal(page.title, "Choix d'une plage — Renouvellement de titre de séjour");
    assert.match(main, /<legend[^>]*>lundi 7 janvier 2030<\/legend>/);
    assert.match(main, /<legend[^>]*>mardi 8 janvier 2030<\/legend>/);
    assert.match(main, /for="plage-41">09:30<span class="fr-hint-text">2 places<\/span>/);
    assert.match(main, /for="plage-42">10:30<span class="fr-hint-text">1 place<\/span>/);
    assert.match(main, /name="_csrf" value="jeton-fr"/);
    assert.match(main, /name="semaine" value="2030-01-07"/);
  });

  test('the current week has no link back; a later slot gives the next week; another week links to the first', () => {
    const current = slotChoiceView(fr, weekPage()).main.value;
    assert.doesNotMatch(current, /Semaine précédente/);
    assert.match(current, /semaine=2030-01-14#semaine">Semaine suivante/);
    assert.doesNotMatch(current, /première semaine/);
    const later = slotChoiceView(
      fr,
      weekPage({ monday: '2030-01-14', sunday: '2030-01-20', hasLater: false, days: [] }),
    ).main.value;
    assert.match(later, /semaine=2030-01-07#semaine"><span aria-hidden="true">← <\/span>Semaine précédente/);
    assert.doesNotMatch(later, /Semaine suivante/);
    assert.match(later, /Aller à la première semaine avec des plages libres/);
    assert.match(later, /Aucune plage libre cette semaine/);
    assert.doesNotMatch(later, /<form/);
  });

  test('with several offices, the chosen one is marked; an office without slots says so', () => {
    const main = slotChoiceView(en, weekPage()).main.value;
    assert.match(main, /site=7" aria-current="true">Annecy<\/a>/);
    // The offices' addresses are the préfecture's French: marked as such on the English page.
    assert.match(
      main,
      /Thonon<\/a><br><span class="fr-hint-text"><span lang="fr" dir="ltr">Thonon, 74000<\/span> — No free slot/,
    );
    assert.match(main, /<legend[^>]*>Monday, 7 January 2030<\/legend>/);
  });

  test('the slot taken meanwhile is said in an alert; an unknown procedure is a 404 page', () => {
    const taken = { ...weekPage(), error: 'prise' } as SlotChoicePage;
    assert.match(
      slotChoiceView(fr, taken).main.value,
      /role="alert">\n<p>Cette plage vient d&#39;être prise/,
    );
    const unknown = slotChoiceView(fr, { kind: 'unknown_procedure' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.main.value, /n&#39;est pas proposée dans ce département/);
  });
});

describe('steps 3 to 5', () => {
  test('step 3 loads the proof-of-work widget only when the check is on; a failed check is a 403', () => {
    const on = journeyStepView(fr, { step: 'security', slot, captcha: true, failed: true });
    assert.equal(on.status, 403);
    assert.deepEqual(on.scripts, ['js/altcha.min.js']);
    assert.match(on.main.value, /<altcha-widget/);
    assert.match(on.main.value, /Le contrôle de sécurité a échoué/);
    const off = journeyStepView(fr, { step: 'security', slot, captcha: false, failed: false });
    assert.equal(off.status, 200);
    assert.deepEqual(off.scripts, []);
    assert.doesNotMatch(off.main.value, /<altcha-widget/);
  });

  test('step 4 with errors: a 422 whose title starts with "Erreur", a summary linking to each field', () => {
    const page = journeyStepView(fr, {
      step: 'details',
      slot,
      applicant: { lastName: '', firstName: 'Amina', birthDate: '1990-04-12', email: 'a@b.fr' },
      errors: [{ field: 'applicant.lastName', code: 'required', message: 'Saisissez le nom.' }],
    });
    assert.equal(page.status, 422);
    assert.equal(page.title, 'Erreur : Coordonnées personnelles');
    // The catalog words the error from its code and parameters, not the message it came with.
    assert.match(
      page.main.value,
      /<a href="#applicant-lastName">Nom : Indiquez le nom tel qu&#39;il figure sur le titre de séjour ou le passeport\.<\/a>/,
    );
    assert.match(page.main.value, /id="applicant-lastName"[^>]*aria-invalid="true"/);
    assert.match(page.main.value, /name="applicant.firstName" type="text" value="Amina"/);
  });

  test('step 5 shows what was typed and carries it, with the hold’s length, to the one POST that books', () => {
    const page = journeyStepView(en, {
      step: 'summary',
      slot,
      applicant: {
        lastName: 'Diallo',
        firstName: 'Amina',
        birthDate: '1990-04-12',
        email: 'amina@example.org',
        emailKey: 'amina@example.org',
        phone: null,
        foreignerNumber: '7400000001',
        titleExpiry: null,
        postalCode: '74000',
        identityKey: 'F:7400000001',
      },
      submitted: {
        lastName: 'Diallo',
        firstName: 'Amina',
        birthDate: '12/04/1990',
        email: 'amina@example.org',
      },
      altcha: 'preuve',
      holdMinutes: 30,
    });
    const main = page.main.value;
    assert.match(main, /<dt>Born on<\/dt><dd>12 April 1990<\/dd>/);
    assert.doesNotMatch(main, /<dt>Phone<\/dt>/);
    assert.match(main, /held for you for 30 minutes/);
    assert.match(main, /name="applicant.birthDate" value="12\/04\/1990"/);
    assert.match(main, /name="altcha" value="preuve"/);
    assert.match(main, /name="_csrf" value="jeton-en"/);
  });

  test('a refusal for too many bookings names the limit; a step opened by its address starts again', () => {
    const refused = journeyStepView(fr, {
      step: 'refused',
      status: 409,
      code: 'email_limit',
      message: '…',
      emailLimit: 3,
    });
    assert.equal(refused.status, 409);
    assert.match(refused.main.value, /a déjà 3 rendez-vous en cours/);
    const restart = journeyStepView(fr, { step: 'restart', status: 400 });
    assert.equal(restart.status, 400);
    assert.match(restart.main.value, /Reprenez votre demande/);
  });
});

describe('step 1: Descriptif', () => {
  const offer = (channel: DirectoryOffer['channel'], siteName: string): DirectoryOffer => ({
    offerId: 1,
    channel,
    instructions: '',
    contactEmail: null,
    url: null,
    postalAddress: channel === 'postal' ? '1 rue de la Poste\n74000 Annecy' : null,
    updatedOn: '2029-11-02',
    siteId: 7,
    siteName,
    siteAddress: 'Annecy',
    procedureId: 3,
    procedureCode: 'renouvellement-titre',
    procedureTitle: 'Renouvellement de titre de séjour',
    procedureTranslations: {},
  });
  const model = {
    department: { code: '2A', name: 'Corse-du-Sud', timezone: 'Europe/Paris' },
    procedure: {
      id: 3,
      code: 'renouvellement-titre',
      title: 'Renouvellement de titre de séjour',
      description: 'Renouveler.',
      audience: 'Tous.',
      durationMinutes: 20,
      documents: ['Passeport'],
      fees: 'Gratuit.',
      admissionRule: null,
      arrivalAdvice: null,
      translations: {},
    },
    offers: [offer('booking', 'Préfecture d’Ajaccio')],
    nextFree: { startsAt: new Date('2030-01-07T08:30:00Z'), siteName: 'Préfecture d’Ajaccio' },
    conditionsMissing: false,
  };

  test('a bookable procedure shows the stepper, the next free slot and the conditions to accept', () => {
    const page = descriptifView(fr, model);
    assert.equal(page.title, 'Renouvellement de titre de séjour');
    assert.match(page.main.value, /Étape 1 sur 5/);
    assert.match(page.main.value, /href="\/departements\/2A">Démarches de séjour : Corse-du-Sud \(2A\)/);
    assert.match(page.main.value, /lundi 7 janvier 2030 à 09:30, Préfecture d’Ajaccio\./);
    assert.match(page.main.value, /action="\/departements\/2A\/demarches\/renouvellement-titre\/plage"/);
  });

  test('the conditions’ hint gives the procedure’s admission rule, then the consent to data use', () => {
    const admissionRule = {
      fr: '1 rendez-vous = 1 personne = 1 dossier.',
      en: '1 appointment = 1 person = 1 application.',
    };
    const withRule = { ...model, procedure: { ...model.procedure, admissionRule } };
    const hint = (page: { main: { value: string } }) =>
      /<span class="fr-hint-text" id="conditions-hint">([^<]*)<\/span>/.exec(page.main.value)?.[1];
    assert.equal(
      hint(descriptifView(fr, withRule)),
      '1 rendez-vous = 1 personne = 1 dossier. Je prends rendez-vous pour moi-même ou pour un proche, avec son identité. Mes données servent uniquement à la gestion du rendez-vous.',
    );
    assert.match(
      hint(descriptifView(en, withRule)) ?? '',
      /^1 appointment = 1 person = 1 application\. I am booking/,
    );
    const frenchOnly = {
      ...model,
      procedure: { ...model.procedure, admissionRule: { fr: 'Une personne par rendez-vous.' } },
    };
    // A rule the préfecture wrote only in French is marked as French on the English page.
    assert.match(
      descriptifView(en, frenchOnly).main.value,
      /id="conditions-hint"><span lang="fr" dir="ltr">Une personne par rendez-vous\.<\/span> I am booking/,
    );
    // Without a rule, the hint is the consent alone: no "1 rendez-vous" written by the catalog.
    assert.equal(
      hint(descriptifView(fr, model)),
      'Je prends rendez-vous pour moi-même ou pour un proche, avec son identité. Mes données servent uniquement à la gestion du rendez-vous.',
    );
  });

  test('sent back for the conditions, the page says it first in its title and on the checkbox', () => {
    const page = descriptifView(en, { ...model, conditionsMissing: true });
    assert.equal(page.title, 'Error: Renouvellement de titre de séjour');
    assert.match(page.main.value, /id="conditions"[^>]*aria-invalid="true"/);
  });

  test('a procedure done only by post has no stepper and no form, only how to apply', () => {
    const page = descriptifView(fr, {
      ...model,
      offers: [offer('postal', 'Préfecture (courrier)')],
      nextFree: undefined,
    });
    assert.doesNotMatch(page.main.value, /fr-stepper|<form/);
    assert.match(
      page.main.value,
      /<address class="creneau-pre-line fr-mb-2w">1 rue de la Poste\n74000 Annecy<\/address>/,
    );
  });
});
