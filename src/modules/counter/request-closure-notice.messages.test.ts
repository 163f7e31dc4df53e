import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { smsLength, smsText } from '../notify/sms/gsm7.ts';
import { messagesFor } from '../web/i18n.ts';
import { requestClosureNoticeMessages } from './request-closure-notice.messages.ts';

// The closure SMS: one segment in GSM-7 (French and English, once simplified), two in UCS-2 (Arabic),
// the label whole; the reason stays in the email.

describe('the request closure SMS', () => {
  for (const [locale, encoding, segments] of [
    ['fr', 'GSM-7', 1],
    ['en', 'GSM-7', 1],
    ['ar', 'UCS-2', 2],
  ] as const) {
    test(`in ${locale}: ${encoding}, ${segments} segment(s) at most, with the label`, () => {
      const text = smsText(messagesFor(requestClosureNoticeMessages, locale).sms('K7M3QX9PA2'));
      const length = smsLength(text);
      assert.equal(length.encoding, encoding, text);
      assert.ok(length.segments <= segments, `${length.segments} segments: ${text}`);
      assert.ok(text.includes('K7M3QX9PA2'));
    });
  }
});
