import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locale } from '../../../db/schema.ts';
import { localDateTime, writingFor } from '../email-layout.ts';
import { smsLength, smsText } from '../sms/gsm7.ts';

// The booking's SMS (confirmed, reminder, draw won) at full length: a 43-character token in the link,
// a long office name, dates written out. French and English fit GSM-7 in two segments. Arabic is
// UCS-2 (67 units a segment once split): the link, the office and the date alone take 190 units, so
// four segments (decision 0045).

const link = `https://rendez-vous.example.gouv.fr/rendez-vous/confirmer?token=${'A'.repeat(43)}`;
const site = 'Sous-préfecture de Saint-Julien-en-Genevois';
const startsAt = new Date('2030-01-15T08:20:00Z');
const deadlineAt = new Date('2030-01-13T17:45:00Z');

function texts(locale: Locale) {
  const w = writingFor(locale);
  const { date, time } = localDateTime(startsAt, 'Europe/Paris', w);
  const by = localDateTime(deadlineAt, 'Europe/Paris', w);
  const p = { date, time, site, reference: '74-ABCD-EFGH', link, deadline: `${by.date} ${by.time}` };
  return { confirmed: w.t.sms.confirmed(p), reminder: w.t.sms.reminder(p), won: w.t.sms.won(p) };
}

describe('the booking SMS', () => {
  for (const locale of ['fr', 'en'] as const) {
    test(`in ${locale}: GSM-7 in two segments, the link whole`, () => {
      for (const text of Object.values(texts(locale))) {
        const length = smsLength(smsText(text));
        assert.equal(length.encoding, 'GSM-7', text);
        assert.ok(length.segments <= 2, `${length.segments} segments: ${text}`);
        assert.ok(smsText(text).includes(link));
      }
    });
  }

  test('in Arabic: UCS-2 in four segments, the link and the reference whole', () => {
    const { confirmed, reminder, won } = texts('ar');
    for (const text of [confirmed, reminder, won]) {
      const length = smsLength(smsText(text));
      assert.equal(length.encoding, 'UCS-2', text);
      assert.ok(length.segments <= 4, `${length.segments} segments: ${text}`);
      assert.ok(smsText(text).includes(link));
      assert.match(text, /الثلاثاء، 15 يناير 2030 09:20/);
    }
    assert.ok(confirmed.includes('74-ABCD-EFGH') && reminder.includes('74-ABCD-EFGH'));
  });
});
