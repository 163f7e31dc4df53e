import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldErrorsIn, refusalMessages, refusalText } from './refusals.messages.ts';

// The office's pages show a refusal in the page's language, chosen by its code; the use cases'
// French message only where no text exists, and then only on a French page.

describe('refusals in the page’s language', () => {
  test('every code has its own English and Arabic text', () => {
    const { fr, en, ar } = refusalMessages;
    assert.ok(ar);
    for (const part of ['fields', 'revocation', 'review', 'priority'] as const) {
      assert.deepEqual(Object.keys(en[part]).sort(), Object.keys(fr[part]).sort(), part);
      assert.deepEqual(Object.keys(ar[part]).sort(), Object.keys(fr[part]).sort(), part);
      for (const code of Object.keys(fr[part])) {
        assert.notEqual(en[part][code], fr[part][code], `${part}.${code}`);
        assert.match(ar[part][code] ?? '', /[\u0600-\u06FF]/, `${part}.${code} is Arabic`);
      }
    }
  });

  test('one code means what the page says it means', () => {
    const refusal = { code: 'booking_not_found', message: 'Rendez-vous introuvable.' };
    assert.match(refusalText('en', 'revocation', refusal), /No appointment in your scope has this reference/);
    assert.match(refusalText('en', 'review', refusal), /At least one reference/);
  });

  test('an unknown code: the French message in French, a general text elsewhere', () => {
    const refusal = { code: 'something_new', message: 'Une raison nouvelle.' };
    assert.equal(refusalText('fr', 'priority', refusal), 'Une raison nouvelle.');
    assert.equal(refusalText('en', 'priority', refusal), 'This could not be done.');
  });

  test('field errors keep their field and code, their message by both', () => {
    const [error] = fieldErrorsIn('ar', [
      { field: 'reason', code: 'required', message: 'Indiquez le motif de l’annulation.' },
    ]);
    assert.deepEqual({ field: error?.field, code: error?.code }, { field: 'reason', code: 'required' });
    assert.equal(error?.message, 'يرجى ذكر سبب الإلغاء.');
    const [to] = fieldErrorsIn('en', [{ field: 'to', code: 'too_long', message: 'La période…' }]);
    assert.equal(to?.message, 'The period covers 93 days at most.');
  });
});
