import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FieldError } from '../../errors.ts';
import { catalogMessage, fieldErrors, fieldMessage } from './applicant.messages.ts';
import { type ApplicantInput, type ProcedureRules, validateApplicant } from './applicant.ts';

// Field errors carry their values as parameters and the catalog renders them per language: nothing
// is read back out of the French sentence (which gave "not in département :" for Corsica).

const TODAY = '2026-03-15';
const rules: ProcedureRules = {
  requiresForeignerNumber: true,
  requiresTitleExpiry: true,
  requiresPostalCode: true,
  titleExpiryWithinDays: 92,
  titleExpiredSinceDays: 183,
};
const valid: ApplicantInput = {
  lastName: 'Diallo',
  firstName: 'Aminata',
  birthDate: '1990-06-01',
  email: 'aminata.diallo@example.fr',
  foreignerNumber: '7501234567',
  titleExpiry: '2026-04-30',
  postalCode: '74000',
};

/** The errors of an applicant made of `valid` and `changes`, in département `department`. */
function errors(changes: Partial<ApplicantInput>, department = '74'): FieldError[] {
  const result = validateApplicant({ ...valid, ...changes }, rules, department, TODAY);
  assert.ok(!result.ok, `expected a refusal for ${JSON.stringify(changes)}`);
  return result.fields;
}

function only(changes: Partial<ApplicantInput>, department = '74'): FieldError {
  const fields = errors(changes, department);
  assert.equal(fields.length, 1, JSON.stringify(fields));
  return fields[0] as FieldError;
}

describe('field errors rendered from their parameters', () => {
  test('a postal code outside a Corsican département names 2A, or 2B, in English and in French', () => {
    // 20200 is Bastia (Haute-Corse, 2B); 20000 is Ajaccio (Corse-du-Sud, 2A).
    for (const [postalCode, department] of [
      ['20200', '2A'],
      ['20000', '2B'],
    ] as const) {
      const error = only({ postalCode }, department);
      assert.equal(error.code, 'postal_code_outside_department');
      assert.deepEqual(error.params, { department });
      assert.match(
        fieldMessage(error, 'en'),
        new RegExp(`^This postal code is not in département ${department}: `),
      );
      assert.match(
        error.message,
        new RegExp(`^Ce code postal n'appartient pas au département ${department} : `),
      );
    }
  });

  test('the permit window carries withinDays and opensOn; English gives the date in words', () => {
    const error = only({ titleExpiry: '2026-06-16' });
    assert.equal(error.code, 'title_expiry_too_early');
    assert.deepEqual(error.params, { withinDays: 92, opensOn: '2026-03-16' });
    assert.match(
      error.message,
      /plus de 92 jours : cette démarche vous sera ouverte à partir du 16\/03\/2026\./,
    );
    assert.match(
      fieldMessage(error, 'en'),
      /more than 92 days: this procedure opens to you on 16 March 2026\./,
    );

    const expired = only({ titleExpiry: '2025-09-12' });
    assert.deepEqual(expired.params, { expiredOn: '2025-09-12', sinceDays: 183 });
    assert.match(
      fieldMessage(expired, 'en'),
      /^Your permit expired on 12 September 2025, more than 183 days ago/,
    );
  });

  test('the corrected foreigner number and the refused characters come from the parameters', () => {
    const nine = only({ foreignerNumber: '208006503' });
    assert.deepEqual(nine.params, { corrected: '2008006503' });
    assert.match(fieldMessage(nine, 'en'), /Your number is probably 2008006503\.$/);
    const email = only({ email: 'élodie@exemple.fr' });
    assert.deepEqual(email.params, { character: 'é' });
    assert.match(fieldMessage(email, 'en'), /^The email address contains “é”, which cannot be delivered/);
    const name = only({ lastName: 'Dupont<' });
    assert.deepEqual(name.params, { reason: 'symbol', character: '<' });
    assert.match(fieldMessage(name, 'en'), /^The last name contains “<”, which is not accepted/);
  });

  test('every error the validation gives has its message in French and English, the French being the one returned', () => {
    const cases: Partial<ApplicantInput>[] = [
      {
        lastName: '',
        firstName: '',
        birthDate: '',
        email: '',
        foreignerNumber: '',
        titleExpiry: '',
        postalCode: '',
      },
      { lastName: 'محمد', firstName: 'Robert123', birthDate: '2026-02-30', email: 'aminata@', phone: '12' },
      { lastName: 'Ab\u200bc', firstName: " - ' ", birthDate: '2027-01-01', email: 'a\u200b@example.fr' },
      {
        lastName: 'A'.repeat(101),
        birthDate: '1890-01-01',
        foreignerNumber: '208006503',
        titleExpiry: '2026-02-30',
      },
      { firstName: 'Zoé<', foreignerNumber: '12', titleExpiry: '2026-06-16', postalCode: '7400' },
      { titleExpiry: '2025-01-01', postalCode: '00000', email: 'élodie@exemple.fr' },
      { postalCode: '75001', firstName: 'B'.repeat(101) },
    ];
    const seen = new Set<string>();
    const reasons = new Set<string>();
    for (const changes of cases) {
      for (const error of errors(changes)) {
        const key = `${error.field.replace('applicant.', '')}:${error.code}`;
        seen.add(key);
        if (error.params?.reason) reasons.add(String(error.params.reason));
        const french = catalogMessage(error, 'fr');
        const english = catalogMessage(error, 'en');
        assert.ok(french && english, `${key} has no catalog message`);
        assert.equal(error.message, french, key);
        assert.notEqual(english, french, `${key} is not translated`);
      }
    }
    // The cases produce every message of the catalog, and every reason a name is refused for.
    const catalog = Object.entries(fieldErrors.fr).flatMap(([field, codes]) =>
      Object.keys(codes).map((code) => `${field}:${code}`),
    );
    assert.deepEqual([...seen].sort(), catalog.sort());
    assert.deepEqual([...reasons].sort(), ['digit', 'invisible', 'no_letter', 'non_latin', 'symbol']);
  });

  test('an error the catalog does not know keeps its own message', () => {
    const error = { field: 'slotId', code: 'not_found', message: "Cette plage horaire n'existe pas." };
    assert.equal(fieldMessage(error, 'en'), error.message);
  });
});
