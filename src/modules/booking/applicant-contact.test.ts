import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accepted, onlyError, validate } from './applicant.fixtures.ts';
import { validateApplicant } from './applicant.ts';

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
