import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { smsLength, smsText } from '../notify/sms/gsm7.ts';
import { messagesFor } from '../web/i18n.ts';
import { revocationNoticeMessages } from './revocation-notice.messages.ts';

// The revocation SMS: GSM-7 once simplified, in two segments at most with a full-length link; the
// Arabic one is UCS-2, three segments at most.

const link = `https://rendez-vous.example.gouv.fr/rendez-vous/priorite?token=${'A'.repeat(43)}`;
const params = { date: 'mercredi 15 janvier 2030', time: '09:20', reference: '74-ABCD-EFGH', link };

describe('the revocation SMS', () => {
  for (const locale of ['fr', 'en'] as const) {
    test(`in ${locale}: GSM-7, at most two segments, for a first-come and a draw booking`, () => {
      const m = messagesFor(revocationNoticeMessages, locale);
      for (const text of [m.smsPriority(params), m.smsDraw(params)]) {
        const length = smsLength(smsText(text));
        assert.equal(length.encoding, 'GSM-7', text);
        assert.ok(length.segments <= 2, `${length.segments} segments: ${text}`);
        assert.ok(smsText(text).includes(link));
      }
    });
  }

  test('in Arabic: UCS-2, at most three segments, for a first-come and a draw booking', () => {
    const m = messagesFor(revocationNoticeMessages, 'ar');
    const arabic = { ...params, date: 'الأربعاء، 15 يناير 2030' };
    for (const text of [m.smsPriority(arabic), m.smsDraw(arabic)]) {
      const length = smsLength(smsText(text));
      assert.equal(length.encoding, 'UCS-2', text);
      assert.ok(length.segments <= 3, `${length.segments} segments: ${text}`);
      assert.ok(text.includes(link) && text.includes('74-ABCD-EFGH'));
    }
  });
});
