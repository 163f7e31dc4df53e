import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ApplicantInput,
  type ApplicantResult,
  type FieldError,
  identityKey,
  normaliseName,
  type ProcedureRules,
  validateApplicant,
} from './applicant.ts';

const TODAY = '2026-03-15';

const base: ApplicantInput = {
  lastName: 'Diallo',
  firstName: 'Aminata',
  birthDate: '1990-06-01',
  email: 'aminata.diallo@example.fr',
};

const noRules: ProcedureRules = {
  requiresForeignerNumber: false,
  requiresTitleExpiry: false,
  requiresPostalCode: false,
  titleExpiryWithinDays: null,
  titleExpiredSinceDays: null,
};

// seeds/001: permit expiring within three months or expired less than six months ago.
const renewal: ProcedureRules = {
  requiresForeignerNumber: true,
  requiresTitleExpiry: true,
  requiresPostalCode: true,
  titleExpiryWithinDays: 92,
  titleExpiredSinceDays: 183,
};

const renewalInput: ApplicantInput = {
  ...base,
  foreignerNumber: '7501234567',
  titleExpiry: '2026-04-30',
  postalCode: '74000',
};

function validate(input: Partial<ApplicantInput>, rules = noRules, department = '74'): ApplicantResult {
  return validateApplicant({ ...base, ...input }, rules, department, TODAY);
}

function accepted(result: ApplicantResult) {
  if (!result.ok) assert.fail(`expected the applicant to be accepted, got ${JSON.stringify(result.fields)}`);
  return result.applicant;
}

function refused(result: ApplicantResult): FieldError[] {
  if (result.ok) assert.fail('expected the applicant to be refused');
  return result.fields;
}

/** The single error the result carries, asserting there is exactly one. */
function onlyError(result: ApplicantResult): FieldError {
  const fields = refused(result);
  assert.equal(fields.length, 1, JSON.stringify(fields));
  return fields[0] as FieldError;
}

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

describe('foreigner number', () => {
  test('a 9-digit foreigner number is refused with the corrected number', () => {
    const error = onlyError(validate({ foreignerNumber: '208006503' }));
    assert.equal(error.field, 'applicant.foreignerNumber');
    assert.equal(error.code, 'foreigner_number_9_digits');
    assert.equal(
      error.message,
      'Les cartes de résident produites avant 2017 portent un numéro à 9 chiffres : ajoutez un 0 après les deux premiers chiffres. Votre numéro est probablement 2008006503.',
    );
  });

  test('the corrected 10-digit number is accepted and becomes the identity', () => {
    const applicant = accepted(validate({ foreignerNumber: '2008006503' }));
    assert.equal(applicant.foreignerNumber, '2008006503');
    assert.equal(applicant.identityKey, 'F:2008006503');
  });

  for (const foreignerNumber of ['12345678', '12345678901', '20080065O3', '2008-006503', '٢٠٠٨٠٠٦٥٠٣']) {
    test(`a malformed foreigner number (${foreignerNumber}) is refused`, () => {
      assert.equal(onlyError(validate({ foreignerNumber })).code, 'foreigner_number_invalid');
    });
  }
});

describe('names', () => {
  const acceptedNames = [
    'Éloïse',
    "N'Diaye",
    'O’Connor',
    'Jean-Pierre',
    'Ørsted',
    'Łukasz',
    'Müller-Lüdenscheidt',
  ];
  for (const name of [...acceptedNames, 'Ştefan', 'Ğül', 'Strauß', 'Çelik', 'de la Fontaine']) {
    test(`the name ${name} is accepted as typed`, () => {
      const applicant = accepted(validate({ lastName: name, firstName: name }));
      assert.equal(applicant.lastName, name);
      assert.equal(applicant.firstName, name);
    });
  }

  test('a name typed with decomposed accents is stored composed', () => {
    assert.equal(accepted(validate({ firstName: 'E\u0301loi\u0308se' })).firstName, 'Éloïse');
  });

  test('runs of spaces inside a name are collapsed and the ends trimmed', () => {
    assert.equal(accepted(validate({ lastName: '  de   la  Fontaine ' })).lastName, 'de la Fontaine');
  });

  for (const name of ['محمد', 'Иван', '王']) {
    test(`a name in a non-Latin script (${name}) is refused with a hint to write it in Latin letters`, () => {
      const error = onlyError(validate({ lastName: name }));
      assert.equal(error.code, 'name_invalid');
      assert.match(error.message, /en caractères latins/);
      assert.match(error.message, /titre de séjour ou passeport/);
    });
  }

  test('a name with digits is refused', () => {
    const error = onlyError(validate({ firstName: 'Robert123' }));
    assert.equal(error.field, 'applicant.firstName');
    assert.equal(error.code, 'name_invalid');
    assert.match(error.message, /chiffres/);
  });

  test('a name with markup is refused and the offending character shown', () => {
    const error = onlyError(validate({ lastName: '<script>' }));
    assert.equal(error.code, 'name_invalid');
    assert.match(error.message, /« < »/);
  });

  test('a name made only of separators is refused', () => {
    assert.equal(onlyError(validate({ lastName: " - ' " })).code, 'name_invalid');
  });

  test('a name of 100 characters is accepted, 101 refused', () => {
    accepted(validate({ lastName: 'A'.repeat(100) }));
    assert.equal(onlyError(validate({ lastName: 'A'.repeat(101) })).code, 'name_too_long');
  });
});

describe('normaliseName and identityKey', () => {
  const cases: [string, string][] = [
    ['Müller', 'MULLER'],
    ['Éloïse', 'ELOISE'],
    ['N’Diaye', 'N DIAYE'],
    ["n'diaye", 'N DIAYE'],
    ['Jean-Pierre', 'JEAN PIERRE'],
    ['  jean -  pierre ', 'JEAN PIERRE'],
    ['Strauß', 'STRAUSS'],
    ['Ørsted', 'ORSTED'],
    ['Łukasz', 'LUKASZ'],
    ['Lætitia', 'LAETITIA'],
    ['Œdipe', 'OEDIPE'],
    ['Ştefan Ğül', 'STEFAN GUL'],
    ['STRAẞE', 'STRASSE'],
    ['Yıldız', 'YILDIZ'],
    ['Đorđe', 'DORDE'],
    ['ﬁlippo', 'FILIPPO'],
    ['ǰ', 'J'],
  ];
  for (const [name, expected] of cases) {
    test(`${name} normalises to ${expected}`, () => {
      assert.equal(normaliseName(name), expected);
    });
  }

  test('Müller and MULLER born the same day have the same identity', () => {
    const birthDate = '1980-01-02';
    assert.equal(
      identityKey({ foreignerNumber: null, lastName: 'Müller', firstName: 'Anna', birthDate }),
      identityKey({ foreignerNumber: null, lastName: 'MULLER', firstName: 'anna', birthDate }),
    );
  });

  test("N’Diaye and n'diaye have the same identity", () => {
    const a = accepted(validate({ lastName: 'N’Diaye' })).identityKey;
    const b = accepted(validate({ lastName: "n'diaye" })).identityKey;
    assert.equal(a, b);
    assert.equal(a, 'N:N DIAYE|AMINATA|1990-06-01');
  });

  test('the same names with another birth date are another identity', () => {
    const key = (birthDate: string) =>
      identityKey({ foreignerNumber: null, lastName: 'A', firstName: 'B', birthDate });
    assert.notEqual(key('1980-01-02'), key('1980-01-03'));
  });

  test('the foreigner number, when present, is the identity whatever the names', () => {
    assert.equal(
      identityKey({ foreignerNumber: '2008006503', lastName: 'X', firstName: 'Y', birthDate: '1980-01-02' }),
      'F:2008006503',
    );
  });
});

describe('birth date', () => {
  const cases: [string, string][] = [
    ['2026-02-30', 'date_invalid'],
    ['1990-13-01', 'date_invalid'],
    ['01/06/1990', 'date_invalid'],
    ['2023-02-29', 'date_invalid'],
    ['2026-03-16', 'birth_date_future'],
    ['1905-03-15', 'birth_date_implausible'],
  ];
  for (const [birthDate, code] of cases) {
    test(`the birth date ${birthDate} is refused with ${code}`, () => {
      const error = onlyError(validate({ birthDate }));
      assert.equal(error.field, 'applicant.birthDate');
      assert.equal(error.code, code);
    });
  }

  for (const birthDate of ['2024-02-29', '2026-03-15', '1906-03-15', '1905-03-16']) {
    test(`the birth date ${birthDate} is accepted`, () => {
      assert.equal(accepted(validate({ birthDate })).birthDate, birthDate);
    });
  }

  test('a missing birth date is required', () => {
    assert.equal(onlyError(validate({ birthDate: '' })).code, 'required');
  });
});

describe('email', () => {
  const acceptedEmails: [typed: string, stored: string][] = [
    ['a@b.fr', 'a@b.fr'],
    ['prenom.nom+rdv@sous.domaine.example.org', 'prenom.nom+rdv@sous.domaine.example.org'],
    ["o'neil@example.ie", "o'neil@example.ie"],
    ['amina@exämple.fr', 'amina@exämple.fr'],
    ['amina@XN--EXMPLE-CUA.FR', 'amina@exämple.fr'],
  ];
  for (const [email, stored] of acceptedEmails) {
    test(`the address ${email} is accepted and stored as ${stored}`, () => {
      assert.equal(accepted(validate({ email })).email, stored);
    });
  }

  const refusedEmails: [email: string, code: string][] = [
    ['aminata', 'email_invalid'],
    ['a@b', 'email_invalid'],
    ['a@@b.fr', 'email_invalid'],
    ['a@b@c.fr', 'email_invalid'],
    ['@b.fr', 'email_invalid'],
    ['a@.fr', 'email_invalid'],
    ['a@b..fr', 'email_invalid'],
    ['a.@b.fr', 'email_invalid'],
    ['a@b.f', 'email_invalid'],
    ['a@-b.fr', 'email_invalid'],
    [`${'a'.repeat(64)}@${'b'.repeat(190)}.fr`, 'email_invalid'],
    ['a b@c.fr', 'email_invisible_character'],
    ['ami\u200bna@example.org', 'email_invisible_character'],
    ['amina@exa\u200bmple.org', 'email_invisible_character'],
    ['amina@example.org\u202e', 'email_invisible_character'],
    ['amina\u202e@example.org', 'email_invisible_character'],
    ['amina@exa\u00admple.org', 'email_invisible_character'],
    ['amina\ud800@example.org', 'email_invisible_character'],
    ['amina\u0000@example.org', 'email_invisible_character'],
    ['amina@exam\u0007ple.org', 'email_invisible_character'],
    ['<a@b.fr>', 'email_unsupported_character'],
    ['élodie@exemple.fr', 'email_unsupported_character'],
    ['amina😀@example.org', 'email_unsupported_character'],
    ['amina@i❤.ws', 'email_unsupported_character'],
    ['amina@exa_mple.fr', 'email_unsupported_character'],
  ];
  for (const [email, code] of refusedEmails) {
    test(`the address ${JSON.stringify(email).slice(0, 40)} is refused as ${code}`, () => {
      const error = onlyError(validate({ email }));
      assert.equal(error.field, 'applicant.email');
      assert.equal(error.code, code);
      assert.match(error.message, /exemple\.fr/, 'the message shows the expected form');
    });
  }

  test('the refused character is named, so that the person sees what to remove', () => {
    assert.match(onlyError(validate({ email: 'amina😀@example.org' })).message, /« 😀 »/);
    assert.match(onlyError(validate({ email: 'élodie@exemple.fr' })).message, /« é ».*sans accent/);
  });

  test('an invisible character is reported as such, with how to fix it', () => {
    const error = onlyError(validate({ email: 'ami\u200bna@example.org' }));
    assert.match(error.message, /caractère invisible.*retapez-la au clavier/);
  });

  test('the email key is the lower-cased address', () => {
    assert.equal(accepted(validate({ email: 'A.Diallo@Example.FR' })).emailKey, 'a.diallo@example.fr');
  });
});

describe('phone', () => {
  const cases: [string, string][] = [
    ['0612345678', '+33612345678'],
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['+262 692 12 34 56', '+262692123456'],
    ['0692 12 34 56', '+262692123456'],
    ['0596 61 23 45', '+596596612345'],
    ['0145678901', '+33145678901'],
    ['+32 470 12 34 56', '+32470123456'],
  ];
  for (const [phone, e164] of cases) {
    test(`the phone ${phone} is stored as ${e164}`, () => {
      assert.equal(accepted(validate({ phone })).phone, e164);
    });
  }

  for (const phone of [
    '612345678',
    '061234567',
    '+33 6 12 34 56',
    '+0612345678',
    'abc',
    '+1234567890123456',
  ]) {
    test(`the phone ${phone} is refused`, () => {
      const error = onlyError(validate({ phone }));
      assert.equal(error.field, 'applicant.phone');
      assert.equal(error.code, 'phone_invalid');
    });
  }
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

test('an email with a control character is refused rather than stored', () => {
  for (const email of ['amina\u0000@example.org', 'amina@exam\u0007ple.org']) {
    const result = validateApplicant(
      { lastName: 'Dupont', firstName: 'Amina', birthDate: '1990-01-01', email },
      {
        requiresForeignerNumber: false,
        requiresTitleExpiry: false,
        requiresPostalCode: false,
        titleExpiryWithinDays: null,
        titleExpiredSinceDays: null,
      },
      '74',
      '2026-11-22',
    );
    assert.equal(result.ok, false, JSON.stringify(email));
  }
});
