import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO_DEPARTMENTS,
  DEMO_OFFERS,
  DEMO_PROCEDURES,
  DEMO_SITES,
  demoArrondissements,
  demoClosures,
  demoDrawCalendarStart,
  siteCity,
  sitePostalCode,
} from './demo-data.ts';
import { communesOfPostalCode, departmentsOfPostalCode } from './postal-codes.ts';

const siteKeys = new Set(DEMO_SITES.map((site) => site.key));
const procedures = new Map(DEMO_PROCEDURES.map((procedure) => [procedure.code, procedure]));
const departments = new Map(DEMO_DEPARTMENTS.map((department) => [department.code, department]));
const BOOKING_DEPARTMENTS = ['74', '84', '45', '34', '974'];

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

function minutes(time: string): number {
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  return hours * 60 + mins;
}

describe('demo départements and sites', () => {
  test('La Réunion uses its own zone and holidays, every other département those of Paris', () => {
    assert.deepEqual(departments.get('974'), {
      code: '974',
      name: 'La Réunion',
      timezone: 'Indian/Reunion',
      holidayRegion: 'reunion',
    });
    const others = DEMO_DEPARTMENTS.filter((department) => department.code !== '974');
    assert.deepEqual(
      others.filter(
        (department) => department.timezone !== 'Europe/Paris' || department.holidayRegion !== 'metropole',
      ),
      [],
    );
  });

  test('every département has exactly one préfecture and at least one sous-préfecture', () => {
    for (const department of DEMO_DEPARTMENTS) {
      const sites = DEMO_SITES.filter((site) => site.department === department.code);
      assert.equal(sites.filter((site) => site.kind === 'prefecture').length, 1, department.code);
      assert.ok(
        sites.some((site) => site.kind === 'sous_prefecture'),
        department.code,
      );
    }
  });

  test('site keys are unique, and so are site names within a département', () => {
    assert.deepEqual(duplicates(DEMO_SITES.map((site) => site.key)), []);
    assert.deepEqual(duplicates(DEMO_SITES.map((site) => `${site.department} ${site.name}`)), []);
    assert.deepEqual(
      DEMO_SITES.filter((site) => !departments.has(site.department)).map((site) => site.key),
      [],
    );
  });

  test("every site's postal code belongs to its département and serves the city of its address", () => {
    for (const site of DEMO_SITES) {
      const postalCode = sitePostalCode(site);
      assert.ok(departmentsOfPostalCode(postalCode).has(site.department), `${site.key}: ${postalCode}`);
      const names = communesOfPostalCode(postalCode).map((commune) => commune.name);
      // Lyon is listed by municipal arrondissement ("Lyon 3e Arrondissement").
      assert.ok(
        names.some((name) => name === siteCity(site) || name.startsWith(`${siteCity(site)} `)),
        `${site.key}: ${siteCity(site)} not in ${names.join(', ')}`,
      );
    }
  });
});

describe('demo arrondissements', () => {
  const arrondissements = demoArrondissements();

  test('each arrondissement is served by an office of its own département', () => {
    assert.ok(arrondissements.length >= 50);
    for (const arrondissement of arrondissements) {
      const site = DEMO_SITES.find((candidate) => candidate.key === arrondissement.site);
      assert.equal(site?.department, arrondissement.department, arrondissement.code);
      assert.match(arrondissement.code, /^[0-9][0-9AB][0-9]{1,2}$/);
    }
  });

  test('the préfecture serves its own arrondissement and each sous-préfecture the one named after its city', () => {
    const served = (key: string) => arrondissements.filter((a) => a.site === key).map((a) => a.name);
    assert.deepEqual(served('74-annecy'), ['Annecy']);
    assert.deepEqual(served('74-thonon-les-bains'), ['Thonon-les-Bains']);
    assert.deepEqual(served('974-saint-benoit'), ['Saint-Benoît']);
    assert.deepEqual(served('45-pithiviers'), ['Pithiviers']);
    assert.deepEqual(
      arrondissements.filter((a) => a.department === '84').map((a) => `${a.code} ${a.site}`),
      ['841 84-apt', '842 84-avignon', '843 84-carpentras'],
    );
  });
});

describe('demo procedures', () => {
  test('procedure codes are unique slugs and durations fit the schema', () => {
    assert.deepEqual(duplicates(DEMO_PROCEDURES.map((procedure) => procedure.code)), []);
    for (const procedure of DEMO_PROCEDURES) {
      assert.match(procedure.code, /^[a-z0-9][a-z0-9-]{1,63}$/);
      assert.ok(procedure.durationMinutes >= 5 && procedure.durationMinutes <= 480, procedure.code);
      assert.ok(
        procedure.documents.length > 0 && procedure.description && procedure.audience,
        procedure.code,
      );
    }
  });

  test('a renewal needs the foreigner number and a permit expiring within 92 days or expired up to 183', () => {
    const renewal = procedures.get('renouvellement-titre');
    assert.equal(renewal?.durationMinutes, 20);
    assert.equal(renewal?.requiresForeignerNumber, true);
    assert.equal(renewal?.requiresTitleExpiry, true);
    assert.equal(renewal?.titleExpiryWithinDays, 92);
    assert.equal(renewal?.titleExpiredSinceDays, 183);
    assert.equal(procedures.get('premiere-demande')?.requiresForeignerNumber, false);
    assert.equal(procedures.get('remise-titre')?.requiresForeignerNumber, true);
    assert.match(procedures.get('admission-exceptionnelle')?.fees ?? '', /200 € dont 50 € non remboursables/);
  });
});

describe('demo offers', () => {
  test('every offer refers to an existing site and procedure, once per procedure and site', () => {
    for (const offer of DEMO_OFFERS) {
      assert.ok(siteKeys.has(offer.site), `${offer.key}: unknown site`);
      assert.ok(procedures.has(offer.procedure), `${offer.key}: unknown procedure`);
      assert.equal(offer.key, `${offer.site}/${offer.procedure}`);
    }
    assert.deepEqual(duplicates(DEMO_OFFERS.map((offer) => offer.key)), []);
  });

  test('every booking or draw offer has opening rules that fit at least one slot, and no other offer has any', () => {
    for (const offer of DEMO_OFFERS) {
      if (offer.channel !== 'booking' && offer.channel !== 'draw') {
        assert.deepEqual(offer.openingRules, [], offer.key);
        continue;
      }
      assert.ok(offer.openingRules.length > 0, `${offer.key} has no opening rule`);
      const duration = procedures.get(offer.procedure)?.durationMinutes ?? Number.POSITIVE_INFINITY;
      for (const rule of offer.openingRules) {
        assert.match(rule.startsAt, /^([01][0-9]|2[0-3]):[0-5][0-9]$/);
        assert.match(rule.endsAt, /^([01][0-9]|2[0-3]):[0-5][0-9]$/);
        assert.ok(minutes(rule.endsAt) - minutes(rule.startsAt) >= duration, `${offer.key} ${rule.startsAt}`);
        assert.ok(rule.weekday >= 1 && rule.weekday <= 7 && rule.capacity >= 1 && rule.capacity <= 100);
      }
    }
  });

  test('the booking départements take bookings at the préfecture and a sous-préfecture for each procedure', () => {
    for (const department of BOOKING_DEPARTMENTS) {
      for (const procedure of ['renouvellement-titre', 'premiere-demande', 'remise-titre']) {
        const kinds = DEMO_OFFERS.filter(
          (offer) =>
            (offer.channel === 'booking' || offer.channel === 'draw') && offer.procedure === procedure,
        )
          .map((offer) => DEMO_SITES.find((site) => site.key === offer.site))
          .filter((site) => site?.department === department)
          .map((site) => site?.kind);
        assert.ok(
          kinds.includes('prefecture') && kinds.includes('sous_prefecture'),
          `${department} ${procedure}`,
        );
      }
    }
  });

  test('Hérault allocates renewals by a weekly draw at Montpellier and Béziers; Lodève takes bookings', () => {
    const renewals = DEMO_OFFERS.filter(
      (offer) => offer.procedure === 'renouvellement-titre' && offer.site.startsWith('34-'),
    );
    assert.deepEqual(
      renewals.map((offer) => `${offer.site} ${offer.channel} ${offer.drawCalendar?.periodDays ?? '-'}`),
      ['34-montpellier draw 7', '34-beziers draw 7', '34-lodeve booking -'],
    );
    assert.deepEqual(
      DEMO_OFFERS.filter((offer) => offer.drawCalendar).map((offer) => offer.key),
      ['34-montpellier/renouvellement-titre', '34-beziers/renouvellement-titre'],
    );
    // Loaded on a Sunday or a Monday, the first window opens on that week's Monday.
    assert.equal(demoDrawCalendarStart('2030-01-13'), '2030-01-07');
    assert.equal(demoDrawCalendarStart('2030-01-14'), '2030-01-14');
    assert.equal(demoDrawCalendarStart('2030-01-16'), '2030-01-14');
  });

  test('a préfecture opens several counters for renewals', () => {
    const annecy = DEMO_OFFERS.find((offer) => offer.key === '74-annecy/renouvellement-titre');
    assert.ok(annecy?.openingRules.some((rule) => rule.capacity >= 3));
  });

  test('each non-booking offer carries what the applicant needs to use its channel', () => {
    for (const offer of DEMO_OFFERS) {
      if (offer.channel === 'postal') assert.ok(offer.postalAddress, offer.key);
      if (offer.channel === 'email')
        assert.match(offer.contactEmail ?? '', /^[^@\s]+@[^@\s]+\.[a-z]+$/, offer.key);
      if (offer.channel === 'external') assert.match(offer.url ?? '', /^https:\/\//, offer.key);
      if (offer.channel === 'walk_in') assert.ok(offer.instructions, offer.key);
    }
  });

  test('the admission exceptionnelle follows the seeds/002 directory office by office', () => {
    const aes = new Map(
      DEMO_OFFERS.filter((offer) => offer.procedure === 'admission-exceptionnelle').map((offer) => [
        offer.site,
        offer,
      ]),
    );
    assert.equal(aes.get('38-grenoble')?.channel, 'walk_in');
    assert.match(aes.get('38-grenoble')?.instructions ?? '', /mercredi après-midi sans rendez-vous/);
    assert.equal(aes.get('74-annecy')?.channel, 'postal');
    assert.match(aes.get('74-annecy')?.postalAddress ?? '', /BP 2332 - 74034 Annecy cedex/);
    assert.equal(aes.get('69-lyon')?.channel, 'external');
    assert.equal(aes.get('07-privas')?.contactEmail, 'pref-etrangers@ardeche.gouv.fr');
    assert.equal(aes.get('01-gex')?.url, 'https://www.rdv.ain.gouv.fr/booking/create/941');
    for (const site of ['01-belley', '01-nantua', '03-vichy', '26-die', '43-brioude', '74-bonneville']) {
      assert.equal(aes.has(site), false, `${site} does not handle AES`);
    }
    assert.deepEqual(
      [...aes.values()].filter((offer) => offer.updatedOn !== '2023-02-09').map((offer) => offer.key),
      [],
    );
  });
});

describe('demo closures', () => {
  test('closures fall on working days of known sites within the coming eight weeks', () => {
    const today = '2026-11-23';
    const closures = demoClosures(today);
    assert.ok(closures.length >= 2);
    for (const closure of closures) {
      assert.ok(siteKeys.has(closure.site), closure.site);
      const day = new Date(`${closure.day}T00:00:00Z`);
      const daysAhead = (day.getTime() - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
      assert.ok(daysAhead > 0 && daysAhead < 56, `${closure.day} is ${daysAhead} days ahead`);
      assert.ok(day.getUTCDay() >= 1 && day.getUTCDay() <= 5, `${closure.day} is a weekend day`);
    }
    assert.deepEqual(duplicates(closures.map((closure) => `${closure.site} ${closure.day}`)), []);
  });

  test('closures move with the date the demo is loaded', () => {
    const first = demoClosures('2026-11-23').map((closure) => closure.day);
    const later = demoClosures('2027-03-01').map((closure) => closure.day);
    assert.ok(later.every((day) => day > '2027-03-01'));
    assert.notDeepEqual(first, later);
  });

  test('a malformed date is refused', () => {
    assert.throws(() => demoClosures('2026-02-30'), RangeError);
    assert.throws(() => demoClosures('23/11/2026'), RangeError);
  });
});
