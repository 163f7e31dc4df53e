import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixedClock } from '../../clock.ts';
import { type CalendarEventInput, escapeIcsText, foldIcsLine, formatIcsUtc, renderIcs } from './calendar.ts';
import type { ConvocationData } from './convocation.repository.ts';
import { convocationIcs } from './convocation.usecases.ts';

const TITLE =
  'Rendez-vous : 3.1 Renouvellement de visa de long séjour valant titre de séjour, carte de séjour temporaire ou pluriannuelle';

function event(overrides: Partial<CalendarEventInput> = {}): CalendarEventInput {
  return {
    reference: '74-K7M3-QX9P',
    title: TITLE,
    // 09:05–09:25 in Paris, summer time (UTC+2).
    startsAt: new Date('2030-06-21T07:05:00Z'),
    endsAt: new Date('2030-06-21T07:25:00Z'),
    timezone: 'Europe/Paris',
    location: 'Préfecture de la Haute-Savoie, 30 rue du 30e Régiment d’Infanterie; 74000 Annecy',
    description: 'Présentez-vous 10 minutes en avance.\nApportez toutes les pièces : C:\\dossier',
    url: 'https://rdv.example.gouv.fr/rendez-vous/74-K7M3-QX9P',
    now: new Date('2030-05-16T15:07:00Z'),
    ...overrides,
  };
}

/** The content lines of a file: folded lines joined back (RFC 5545 §3.1), then split on CRLF. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** The value of the first property with that name, as written (still escaped). */
function property(ics: string, name: string): string | undefined {
  const line = unfold(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}

/** Reads a `20300621T070500Z` value back into an instant. */
function parseUtc(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  assert.ok(match, `not a UTC date-time: ${value}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s));
}

describe('renderIcs', () => {
  test('every line ends with CRLF and no bare LF or CR is left', () => {
    const ics = renderIcs(event());
    assert.ok(ics.endsWith('\r\n'));
    assert.equal(ics.replace(/\r\n/g, '').match(/[\r\n]/g), null);
    assert.equal(unfold(ics)[0], 'BEGIN:VCALENDAR');
    assert.equal(unfold(ics).at(-2), 'END:VCALENDAR');
  });

  test('no line is longer than 75 octets, and the long summary is folded and unfolds intact', () => {
    const ics = renderIcs(event());
    const physicalLines = ics.split('\r\n');
    for (const line of physicalLines) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
    }
    assert.ok(
      physicalLines.some((line) => line.startsWith(' ')),
      'nothing was folded',
    );
    assert.equal(property(ics, 'SUMMARY'), TITLE.replace(/,/g, '\\,'));
  });

  test('folding never splits a multi-octet character', () => {
    const line = `SUMMARY:${'é’'.repeat(60)}`;
    const folded = foldIcsLine(line);
    for (const part of folded.split('\r\n')) {
      assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
      assert.ok(!part.includes('\uFFFD'));
    }
    assert.equal(folded.replace(/\r\n /g, ''), line);
    // Round trip through bytes: a split character would not survive decoding.
    assert.equal(Buffer.from(folded, 'utf8').toString('utf8'), folded);
  });

  test('commas, semicolons, backslashes and line breaks in text are escaped', () => {
    assert.equal(escapeIcsText('a,b;c\\d\ne\r\nf'), 'a\\,b\\;c\\\\d\\ne\\nf');
    const ics = renderIcs(event());
    assert.equal(
      property(ics, 'LOCATION'),
      'Préfecture de la Haute-Savoie\\, 30 rue du 30e Régiment d’Infanterie\\; 74000 Annecy',
    );
    assert.equal(
      property(ics, 'DESCRIPTION'),
      'Présentez-vous 10 minutes en avance.\\nApportez toutes les pièces : C:\\\\dossier',
    );
  });

  test('a Paris appointment at 09:05 summer time is written 07:05 UTC', () => {
    const ics = renderIcs(event());
    assert.equal(property(ics, 'DTSTART'), '20300621T070500Z');
    assert.equal(property(ics, 'DTEND'), '20300621T072500Z');
    assert.equal(property(ics, 'X-WR-TIMEZONE'), 'Europe/Paris');
  });

  test('a Réunion appointment at 09:05 local time (UTC+4) is written 05:05 UTC', () => {
    const ics = renderIcs(
      event({
        startsAt: new Date('2030-06-21T09:05:00+04:00'),
        endsAt: new Date('2030-06-21T09:25:00+04:00'),
        timezone: 'Indian/Reunion',
      }),
    );
    assert.equal(property(ics, 'DTSTART'), '20300621T050500Z');
    assert.equal(property(ics, 'DTEND'), '20300621T052500Z');
    assert.equal(property(ics, 'X-WR-TIMEZONE'), 'Indian/Reunion');
  });

  test('DTSTART parsed back is the instant of the appointment, DTSTAMP the time of making', () => {
    const startsAt = new Date('2030-11-03T08:30:00Z');
    const ics = renderIcs(event({ startsAt, endsAt: new Date('2030-11-03T09:00:00Z') }));
    assert.equal(parseUtc(property(ics, 'DTSTART') ?? '').getTime(), startsAt.getTime());
    assert.equal(property(ics, 'DTSTAMP'), '20300516T150700Z');
  });

  test('the event has one VEVENT, a stable UID from the reference, and the URL when given', () => {
    const ics = renderIcs(event());
    assert.equal(unfold(ics).filter((l) => l === 'BEGIN:VEVENT').length, 1);
    assert.equal(property(ics, 'UID'), '74-K7M3-QX9P@creneau');
    assert.equal(property(ics, 'URL'), 'https://rdv.example.gouv.fr/rendez-vous/74-K7M3-QX9P');
    assert.equal(property(renderIcs(event({ url: undefined })), 'URL'), undefined);
  });

  test('an event that ends before it starts is refused', () => {
    assert.throws(() => renderIcs(event({ endsAt: new Date('2030-06-21T07:00:00Z') })), RangeError);
  });

  test('an invalid date is refused rather than written as NaN', () => {
    assert.throws(() => formatIcsUtc(new Date('nonsense')), RangeError);
  });
});

describe('convocationIcs', () => {
  const data = {
    reference: '74-K7M3-QX9P',
    procedureTitle: '3.1 Renouvellement de visa',
    startsAt: new Date('2030-06-21T07:05:00Z'),
    endsAt: new Date('2030-06-21T07:25:00Z'),
    timezone: 'Europe/Paris',
    siteName: 'Préfecture de la Haute-Savoie',
    siteAddress: '74000 Annecy',
    arrivalAdvice: {
      fr: 'Présentez-vous 30 minutes en avance au guichet B.',
      en: 'Please arrive 30 minutes early at counter B.',
    },
    admissionRule: { fr: '1 rendez-vous = 1 personne = 1 dossier.' },
  } as ConvocationData;
  const deps = {
    db: undefined as never,
    clock: fixedClock('2030-05-16T15:07:00Z'),
    config: { secretKey: 'unused-here', publicUrl: 'https://rdv.example.gouv.fr' },
  };
  const ics = (locale: ConvocationData['locale']) =>
    unfold(convocationIcs(deps, { ...data, locale })).join('\n');

  test('is titled and described in the booking’s language from the catalog, Arabic in French', () => {
    assert.match(ics('fr'), /SUMMARY:Rendez-vous : 3\.1 Renouvellement de visa/);
    assert.match(ics('fr'), /DESCRIPTION:Référence 74-K7M3-QX9P\.\\n/);
    assert.match(ics('en'), /SUMMARY:Préfecture appointment: 3\.1 Renouvellement de visa/);
    assert.match(ics('en'), /DESCRIPTION:Reference 74-K7M3-QX9P\.\\n/);
    assert.equal(ics('ar'), ics('fr'));
  });

  test('describes the office’s arrival advice and the procedure’s admission rule as written', () => {
    assert.match(
      ics('fr'),
      /DESCRIPTION:Référence 74-K7M3-QX9P\.\\nPrésentez-vous 30 minutes en avance au guichet B\.\\n1 rendez-vous = 1 personne = 1 dossier\.\n/,
    );
    // English where the préfecture wrote it, French where it did not.
    assert.match(
      ics('en'),
      /DESCRIPTION:Reference 74-K7M3-QX9P\.\\nPlease arrive 30 minutes early at counter B\.\\n1 rendez-vous = 1 personne = 1 dossier\.\n/,
    );
  });

  test('says only the reference when the préfecture wrote neither', () => {
    const bare = { ...data, locale: 'fr' as const, arrivalAdvice: null, admissionRule: null };
    assert.match(unfold(convocationIcs(deps, bare)).join('\n'), /\nDESCRIPTION:Référence 74-K7M3-QX9P\.\n/);
  });
});
