import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCommonPassword, passwordFieldErrors, passwordProblems } from './password-policy.ts';

const who = { email: 'camille.martin@haute-savoie.gouv.fr', name: 'Camille Martin' };
const codes = (password: string) => passwordProblems(password, who).map((p) => p.code);

describe('the password policy', () => {
  test('a long, uncommon passphrase is accepted', () => {
    assert.deepEqual(codes('lac annecy sous la neige en mars'), []);
    assert.deepEqual(codes('Zèbre-Ordinateur-42'), []);
  });

  test('at least 12 characters, counted as a person counts them, and at most 128', () => {
    assert.deepEqual(codes('Xq7#pL9!vR2'), ['too_short']);
    assert.deepEqual(codes('Xq7#pL9!vR2w'), []);
    // Eleven characters outside the BMP are 22 UTF-16 units, still eleven characters.
    assert.deepEqual(codes('😀'.repeat(11)), ['too_short']);
    assert.deepEqual(codes(`Z7${'a'.repeat(126)}`), []);
    assert.deepEqual(codes(`${'Xq7#pL9!'.repeat(16)}x`), ['too_long']);
  });

  test('a common password is refused, as it is, in capitals or padded with digits and signs', () => {
    assert.equal(isCommonPassword('azertyuiop'), true);
    assert.deepEqual(codes('motdepasse123'), ['common']);
    assert.deepEqual(codes('AZERTYUIOP2024!'), ['common']);
    assert.deepEqual(codes('123456789012'), ['common']);
    assert.deepEqual(codes('!!soleil2030!!'), ['common']);
  });

  test('a password containing the email’s local part or the name is refused', () => {
    assert.deepEqual(codes('camille.martin@2030!'), ['contains_email']);
    assert.deepEqual(codes('Bonjour Camille Martin !'), ['contains_name']);
  });

  test('the problems come as field errors with French messages, or another language’s', () => {
    assert.deepEqual(passwordFieldErrors('court', who), [
      {
        field: 'password',
        code: 'password_too_short',
        message: 'Le mot de passe doit compter au moins 12 caractères.',
        params: { min: 12 },
      },
    ]);
    const [english] = passwordFieldErrors('azertyuiop123', who, { field: 'newPassword', locale: 'en' });
    assert.equal(english?.field, 'newPassword');
    assert.match(english?.message ?? '', /among the most common/);
  });
});
