import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accepted, onlyError, validate } from './applicant.fixtures.ts';
import { identityKey, normaliseName } from './applicant.ts';

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
