import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Principal } from '../agents/permissions.ts';
import type { PageContext } from '../web/web.plugin.ts';
import { fieldError } from './schedule.input.ts';
import { hoursView } from './schedule.views.ts';
import { closuresView } from './schedule-closures.views.ts';
import type { ClosuresPage, HoursPage } from './schedule-pages.usecases.ts';

const principal: Principal = {
  agentId: 1,
  name: 'Camille Martin',
  email: 'camille@prefecture.test',
  grants: [{ role: 'site_manager', scope: { kind: 'site', siteId: 4, departmentCode: '74' } }],
};
const fr: PageContext = { locale: 'fr', csrf: 'jeton' };
const en: PageContext = { locale: 'en', csrf: 'jeton' };

function hours(overrides: Partial<HoursPage> = {}): HoursPage {
  return {
    principal,
    offer: {
      siteId: 4,
      siteName: "Préfecture d'Annecy",
      offerId: 9,
      procedureTitle: 'Renouvellement',
      durationMinutes: 20,
      zone: 'Europe/Paris',
      firstCome: true,
    },
    rules: [
      { weekday: 2, startsAt: '09:00', endsAt: '10:00', capacity: 2, validFrom: null, validUntil: null },
    ],
    slots: [
      {
        startsAt: new Date('2030-01-08T08:00:00Z'),
        endsAt: new Date('2030-01-08T08:20:00Z'),
        capacity: 2,
        taken: 1,
      },
    ],
    publication: { publicationDays: 7, mode: 'fixed', weekdays: [1, 3], time: '08:00' },
    releasedThrough: '2030-01-13',
    nextFixedRelease: new Date('2030-01-08T07:00:00Z'),
    mayEditDuration: true,
    duration: 20,
    ...overrides,
  };
}

describe('the hours page', () => {
  test('the back office’s chrome, one row per rule and three blank ones, remove only on stored rules', () => {
    const view = hoursView(fr, hours());
    assert.equal(view.status, undefined);
    assert.equal(view.title, 'Horaires et publication');
    assert.ok(view.navigation?.items.some((item) => item.href === '/agents/services' && item.current));
    assert.equal(view.user?.name, 'Camille Martin');
    const body = view.main.toString();
    assert.equal(body.match(/<legend class="fr-fieldset__legend" id="regle-\d+-legende">/g)?.length, 4);
    assert.match(body, /<option value="2" selected>Mardi<\/option>/);
    assert.match(body, /name="rules\.0\.remove"/);
    assert.doesNotMatch(body, /name="rules\.1\.remove"/);
    assert.equal(body.match(/name="_csrf" value="jeton"/g)?.length, 3, 'rules, publication, duration');
  });

  test('the next slots in the office’s time, the release state, the ticked release days', () => {
    const body = hoursView(fr, hours()).main.toString();
    assert.match(body, /<td>mardi 8 janvier 2030 à 09:00<\/td><td>2<\/td><td>1<\/td>/);
    assert.match(body, /Jours publiés jusqu&#39;au dimanche 13 janvier 2030 inclus\./);
    assert.match(body, /Prochaine mise en ligne : mardi 8 janvier 2030 à 08:00\./);
    assert.match(body, /name="weekday\.1" value="1" checked/);
    assert.doesNotMatch(body, /name="weekday\.2" value="1" checked/);
    assert.match(body, /name="mode" value="fixed" checked/);
  });

  test('a random policy says its moment is secret and shows no moment', () => {
    const body = hoursView(
      fr,
      hours({
        publication: {
          publicationDays: 7,
          mode: 'random',
          weekdays: [2],
          windowStart: '08:00',
          windowEnd: '18:00',
        },
        nextFixedRelease: null,
      }),
    ).main.toString();
    assert.match(body, /n&#39;est montré à personne/);
    assert.doesNotMatch(body, /Prochaine mise en ligne/);
  });

  test('stranded bookings: 409, the table with each person, the error in the title', () => {
    const view = hoursView(
      fr,
      hours({
        problem: {
          form: 'rules',
          stranded: [
            {
              reference: '74-AAAA-BBBB',
              start: '2030-01-08T09:20:00+01:00',
              lastName: 'Diallo',
              firstName: 'Awa',
            },
          ],
        },
      }),
    );
    assert.equal(view.status, 409);
    assert.equal(view.title, 'Erreur : Horaires et publication');
    assert.match(
      view.main.toString(),
      /<caption>Rendez-vous qui perdraient leur place<\/caption>[\s\S]*<td dir="ltr">74-AAAA-BBBB<\/td><td>mardi 8 janvier 2030 à 09:20<\/td><td>Diallo<\/td><td>Awa<\/td>/,
    );
  });

  test('invalid fields: 422, the summary links each field, the message in the page’s language', () => {
    const view = hoursView(
      en,
      hours({
        problem: { form: 'rules', fields: [fieldError('rules.0.endsAt', 'before_start')] },
        rules: [{ weekday: 2, startsAt: '10:00', endsAt: '09:00', capacity: 2 }],
      }),
    );
    assert.equal(view.status, 422);
    const body = view.main.toString();
    assert.match(body, /href="#rules-0-endsAt">Range no\. 1 — End: The end must come after the start\.<\/a>/);
    assert.match(
      body,
      /id="rules-0-endsAt" name="rules\.0\.endsAt" type="time" value="09:00" aria-invalid="true"/,
    );
  });

  test('without the right over the procedure, its duration is read only; another channel says it publishes nothing', () => {
    const body = hoursView(
      fr,
      hours({ mayEditDuration: false, offer: { ...hours().offer, firstCome: false } }),
    ).main.toString();
    assert.doesNotMatch(body, /name="durationMinutes"/);
    assert.match(body, /Un rendez-vous dure 20 minutes\./);
    assert.match(body, /ne publient aucun créneau/);
  });
});

function closures(overrides: Partial<ClosuresPage> = {}): ClosuresPage {
  return {
    principal,
    site: {
      siteId: 4,
      siteName: "Préfecture d'Annecy",
      departmentCode: '74',
      departmentName: 'Haute-Savoie',
      zone: 'Europe/Paris',
      holidayRegion: 'metropole',
    },
    closures: [{ day: '2030-01-15', reason: 'Inventaire' }],
    offers: [{ offerId: 9, procedureTitle: 'Renouvellement' }],
    holidays: [{ day: '2030-04-22', name: 'Lundi de Pâques' }],
    mayEditRegion: false,
    draft: { day: '', reason: '' },
    ...overrides,
  };
}

describe('the closures page', () => {
  test('each closure with its delete button, the holidays, the offers’ hours pages', () => {
    const view = closuresView(fr, closures({ saved: 'created' }));
    const body = view.main.toString();
    assert.match(body, /<td>mardi 15 janvier 2030<\/td><td>Inventaire<\/td>/);
    assert.match(body, /action="\/agents\/services\/4\/fermetures\/2030-01-15\/supprimer"/);
    assert.match(body, /aria-label="Supprimer la fermeture du mardi 15 janvier 2030"/);
    assert.match(body, /Fermeture ajoutée/);
    assert.match(body, /<li>lundi 22 avril 2030 : <span lang="fr">Lundi de Pâques<\/span><\/li>/);
    assert.match(body, /href="\/agents\/services\/4\/offres\/9\/horaires">Renouvellement/);
    assert.match(body, /Seul un responsable du département peut changer ce calendrier/);
    assert.doesNotMatch(body, /name="holidayRegion"/);
  });

  test('the calendar form for those who may, in English, with the current calendar selected', () => {
    const body = closuresView(en, closures({ mayEditRegion: true, closures: [] })).main.toString();
    assert.match(body, /No upcoming closure\./);
    assert.match(body, /<option value="metropole" selected>Metropolitan France<\/option>/);
    assert.match(
      body,
      /<li>Monday, 22 April 2030: <span lang="fr">Lundi de Pâques<\/span><\/li>/,
      'the name as the calendar gives it',
    );
  });

  test('a refused closure keeps what was typed and names the field', () => {
    const view = closuresView(
      fr,
      closures({
        problem: { form: 'closure', fields: [fieldError('day', 'past')] },
        draft: { day: '2030-01-01', reason: 'Grève' },
      }),
    );
    assert.equal(view.status, 422);
    const body = view.main.toString();
    assert.match(body, /href="#day">Jour : Ce jour est déjà passé\.<\/a>/);
    assert.match(body, /id="reason" name="reason" type="text" value="Grève"/);
  });
});
