import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  accepted,
  base,
  noRules,
  onlyError,
  refused,
  renewal,
  renewalInput,
  TODAY,
  validate,
} from './applicant.fixtures.ts';
import { validateApplicant } from './applicant.ts';

describe('validateApplicant', () => {
  test('a complete renewal applicant is accepted and normalised', () => {
    const applicant = accepted(
      validateApplicant(
        {
          ...renewalInput,
          lastName: '  Diallo  ',
          email: ' Aminata.Diallo@Example.FR ',
          phone: '06 12 34 56 78',
          foreignerNumber: '75 0123 4567',
        },
        renewal,
        '74',
        TODAY,
      ),
    );
    assert.deepEqual(applicant, {
      lastName: 'Diallo',
      firstName: 'Aminata',
      birthDate: '1990-06-01',
      // A domain is case-insensitive: it is stored in its canonical lower case.
      email: 'Aminata.Diallo@example.fr',
      emailKey: 'aminata.diallo@example.fr',
      phone: '+33612345678',
      foreignerNumber: '7501234567',
      titleExpiry: '2026-04-30',
      postalCode: '74000',
      identityKey: 'F:7501234567',
    });
  });

  test('optional fields left empty are stored as null', () => {
    const applicant = accepted(
      validate({ phone: '', foreignerNumber: ' ', titleExpiry: '', postalCode: '' }),
    );
    assert.equal(applicant.phone, null);
    assert.equal(applicant.foreignerNumber, null);
    assert.equal(applicant.titleExpiry, null);
    assert.equal(applicant.postalCode, null);
    assert.equal(applicant.identityKey, 'N:DIALLO|AMINATA|1990-06-01');
  });

  test('every invalid field is reported at once', () => {
    const fields = refused(
      validateApplicant(
        {
          lastName: 'Robert123',
          firstName: '',
          birthDate: '2026-02-30',
          email: 'not.an.email',
          phone: 'abc',
          foreignerNumber: '208006503',
          titleExpiry: '2020-01-01',
          postalCode: '73000',
        },
        renewal,
        '74',
        TODAY,
      ),
    );
    assert.deepEqual(
      fields.map((f) => [f.field, f.code]),
      [
        ['applicant.lastName', 'name_invalid'],
        ['applicant.firstName', 'required'],
        ['applicant.birthDate', 'date_invalid'],
        ['applicant.email', 'email_invalid'],
        ['applicant.phone', 'phone_invalid'],
        ['applicant.foreignerNumber', 'foreigner_number_9_digits'],
        ['applicant.titleExpiry', 'title_expired_too_long'],
        ['applicant.postalCode', 'postal_code_outside_department'],
      ],
    );
    for (const field of fields) assert.ok(field.message.length > 20, `${field.field} has a helpful message`);
  });

  test('missing required fields of a renewal are each reported as required', () => {
    const fields = refused(validateApplicant(base, renewal, '74', TODAY));
    assert.deepEqual(
      fields.map((f) => [f.field, f.code]),
      [
        ['applicant.foreignerNumber', 'required'],
        ['applicant.titleExpiry', 'required'],
        ['applicant.postalCode', 'required'],
      ],
    );
  });

  test('today must be a valid date', () => {
    assert.throws(() => validateApplicant(base, noRules, '74', '15/03/2026'), RangeError);
  });
});

describe('title expiry window', () => {
  const check = (titleExpiry: string) =>
    validateApplicant({ ...renewalInput, titleExpiry }, renewal, '74', TODAY);

  test('a permit expiring exactly 92 days ahead is accepted', () => {
    assert.equal(accepted(check('2026-06-15')).titleExpiry, '2026-06-15');
  });

  test('a permit expiring 93 days ahead is refused with the first date one can book', () => {
    const error = onlyError(check('2026-06-16'));
    assert.equal(error.field, 'applicant.titleExpiry');
    assert.equal(error.code, 'title_expiry_too_early');
    assert.match(error.message, /à partir du 16\/03\/2026/);
  });

  test('a permit expiring today is accepted', () => {
    accepted(check(TODAY));
  });

  test('a permit expired exactly 183 days ago is accepted', () => {
    accepted(check('2025-09-13'));
  });

  test('a permit expired 184 days ago is refused and points to a first request', () => {
    const error = onlyError(check('2025-09-12'));
    assert.equal(error.code, 'title_expired_too_long');
    assert.match(error.message, /12\/09\/2025/);
    assert.match(error.message, /première demande/);
    assert.doesNotMatch(error.message, /https?:/);
  });

  test('without a window any valid expiry date is accepted', () => {
    assert.equal(accepted(validate({ titleExpiry: '2030-01-01' })).titleExpiry, '2030-01-01');
  });

  test('an impossible expiry date is refused', () => {
    assert.equal(onlyError(check('2026-04-31')).code, 'date_invalid');
  });
});

describe('postal code', () => {
  const rules = { ...noRules, requiresPostalCode: true };

  test('a postal code of the département is accepted', () => {
    assert.equal(accepted(validate({ postalCode: '74 000' }, rules)).postalCode, '74000');
    assert.equal(accepted(validate({ postalCode: '84000' }, rules, '84')).postalCode, '84000');
    assert.equal(accepted(validate({ postalCode: '20000' }, rules, '2A')).postalCode, '20000');
  });

  test('a postal code of another département is refused, naming the département', () => {
    const error = onlyError(validate({ postalCode: '73000' }, rules, '74'));
    assert.equal(error.field, 'applicant.postalCode');
    assert.equal(error.code, 'postal_code_outside_department');
    assert.match(error.message, /^Ce code postal n'appartient pas au département 74 : /);
  });

  test('a postal code that is not 5 digits is refused', () => {
    assert.equal(onlyError(validate({ postalCode: '7400' }, rules)).code, 'postal_code_invalid');
    assert.equal(onlyError(validate({ postalCode: '74OOO' }, rules)).code, 'postal_code_invalid');
  });

  test('a postal code that exists nowhere is refused as unknown', () => {
    assert.equal(onlyError(validate({ postalCode: '00000' }, rules)).code, 'postal_code_unknown');
  });

  test('a missing postal code is refused only when the procedure requires it', () => {
    assert.equal(onlyError(validate({}, rules)).code, 'required');
    accepted(validate({}));
  });

  test('an optional postal code, when given, must still belong to the département', () => {
    assert.equal(onlyError(validate({ postalCode: '73000' })).code, 'postal_code_outside_department');
  });
});
