import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../errors.ts';
import { checkOffer } from './offers.rules.ts';
import { FieldCheck } from './offices.fields.ts';
import { checkSite } from './offices.rules.ts';
import { checkNewProcedure, checkProcedure } from './procedures.rules.ts';

// The rules of the configuration's fields, shared by the forms and the admin API: pure, no database.

const codes = (check: FieldCheck) => check.errors.map((e) => `${e.field}:${e.code}`);

describe('the checks of a field', () => {
  test('texts are trimmed, line breaks stored as LF, empty gives null or required', () => {
    const check = new FieldCheck();
    assert.equal(check.text('a', '  BP 2332\r\n74034 Annecy  ', { max: 100 }), 'BP 2332\n74034 Annecy');
    assert.equal(check.text('b', '   ', { max: 100 }), null);
    assert.equal(check.text('c', '', { max: 100, required: true }), null);
    assert.equal(check.text('d', 'abc', { max: 2 }), null);
    assert.equal(check.text('e', 'zéro\u200blargeur', { max: 100 }), null);
    assert.deepEqual(codes(check), ['c:required', 'd:too_long', 'e:invisible_character']);
    assert.match(check.errors[1]?.message ?? '', /Au plus 2 caractères/);
  });

  test('a localized text needs its French first; all empty is null', () => {
    const check = new FieldCheck();
    assert.deepEqual(check.localized('x', { fr: ' Venez tôt. ', en: '', ar: ' تعال مبكرا ' }), {
      fr: 'Venez tôt.',
      ar: 'تعال مبكرا',
    });
    assert.equal(check.localized('y', { fr: '', en: '', ar: '' }), null);
    assert.equal(check.localized('z', { en: 'Early.' }), null);
    assert.deepEqual(codes(check), ['z.fr:french_required']);
  });

  test('lists drop empty lines and refuse repeats, too many or too long entries', () => {
    const check = new FieldCheck();
    assert.deepEqual(check.list('a', ['Guichet 1', '', ' Guichet 2 '], { min: 1, max: 3, maxLength: 10 }), [
      'Guichet 1',
      'Guichet 2',
    ]);
    check.list('b', ['G', 'G'], { min: 1, max: 3, maxLength: 10 });
    check.list('c', ['1', '2', '3', '4'], { min: 1, max: 3, maxLength: 10 });
    check.list('d', ['x'.repeat(11)], { min: 1, max: 3, maxLength: 10 });
    check.list('e', [' '], { min: 1, max: 3, maxLength: 10 });
    assert.deepEqual(codes(check), ['b:repeated_item', 'c:too_many', 'd:item_too_long', 'e:required']);
    assert.deepEqual(check.errors[0]?.params, { item: 2 });
  });

  test('web addresses are http or https, https only when asked; emails must be deliverable', () => {
    const check = new FieldCheck();
    assert.equal(
      check.url('a', 'https://www.demarches-simplifiees.fr/x', true),
      'https://www.demarches-simplifiees.fr/x',
    );
    assert.equal(check.url('b', 'http://www.allier.gouv.fr/', false), 'http://www.allier.gouv.fr/');
    check.url('c', 'http://www.allier.gouv.fr/', true);
    check.url('d', 'javascript:alert(1)', false);
    check.url('e', 'www.savoie.gouv.fr', false);
    check.email('f', 'pref@');
    assert.equal(check.email('g', ' pref-etrangers@ain.gouv.fr '), 'pref-etrangers@ain.gouv.fr');
    assert.deepEqual(codes(check), ['c:url_not_https', 'd:url_invalid', 'e:url_invalid', 'f:email_invalid']);
  });

  test('throwIfAny throws one 422 listing every field, and nothing when all is well', () => {
    const check = new FieldCheck();
    check.throwIfAny();
    check.fail('a', 'required');
    check.fail('b', 'too_long', { max: 3 });
    assert.throws(
      () => check.throwIfAny(),
      (error: unknown) => error instanceof AppError && error.status === 422 && error.fields?.length === 2,
    );
  });
});

describe('sites, offers and procedures', () => {
  test('a site needs a name, a known kind, an address and at least one counter', () => {
    const check = new FieldCheck();
    checkSite({ name: '', kind: 'mairie', address: '', counters: [] }, check);
    assert.deepEqual(codes(check), [
      'kind:not_allowed',
      'name:required',
      'address:required',
      'counters:required',
    ]);
  });

  test('each channel requires what applicants cannot do without', () => {
    const need = (input: Parameters<typeof checkOffer>[0]) => {
      const check = new FieldCheck();
      checkOffer(input, check);
      return codes(check);
    };
    assert.deepEqual(need({ channel: 'email' }), ['contactEmail:channel_needs_email']);
    assert.deepEqual(need({ channel: 'external', url: 'http://x.fr' }), ['url:url_not_https']);
    assert.deepEqual(need({ channel: 'postal' }), ['postalAddress:channel_needs_postal_address']);
    assert.deepEqual(need({ channel: 'walk_in' }), []);
    assert.deepEqual(need({ channel: 'booking', url: 'http://x.fr' }), [], 'an information page may be http');
  });

  test('a permit window needs the expiry date; translations without text are left out', () => {
    const check = new FieldCheck();
    const fields = checkProcedure(
      {
        title: 'Renouvellement',
        requiresForeignerNumber: true,
        requiresTitleExpiry: false,
        requiresPostalCode: true,
        titleExpiryWithinDays: 92,
        titleExpiredSinceDays: Number.NaN,
        translations: {
          en: { title: ' Renewal ', documents: ['', 'Passport'] },
          ar: { title: '', documents: [''] },
        },
      },
      check,
    );
    assert.deepEqual(codes(check), [
      'titleExpiredSinceDays:integer_invalid',
      'titleExpiryWithinDays:window_needs_title_expiry',
    ]);
    assert.deepEqual(fields.translations, { en: { title: 'Renewal', documents: ['Passport'] } });
  });

  test('a new procedure’s code has the URL pattern, its duration is given and within bounds', () => {
    const check = new FieldCheck();
    const base = {
      title: 'x',
      requiresForeignerNumber: false,
      requiresTitleExpiry: false,
      requiresPostalCode: false,
    };
    checkNewProcedure({ ...base, code: 'Première', departmentCode: '20', durationMinutes: null }, check);
    checkNewProcedure({ ...base, code: 'ok-code', departmentCode: null, durationMinutes: 500 }, check);
    assert.deepEqual(codes(check), [
      'code:code_invalid',
      'departmentCode:unknown',
      'durationMinutes:required',
      'durationMinutes:out_of_range',
    ]);
  });
});
