import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEmailAddress } from './email-address.ts';

// The rule of decision 0013, on its own: what is accepted, what is stored, and why the rest is refused.

test('an IDN domain is checked in its ASCII form and stored readable, in lower case', () => {
  assert.deepEqual(checkEmailAddress(' Amina@MÜNCHEN.de '), { ok: true, address: 'Amina@münchen.de' });
  assert.deepEqual(checkEmailAddress('amina@xn--mnchen-3ya.de'), { ok: true, address: 'amina@münchen.de' });
  // Full-width letters (typed with an Asian keyboard) are the same domain once mapped.
  assert.deepEqual(checkEmailAddress('amina@ｅｘａｍｐｌｅ.fr'), { ok: true, address: 'amina@example.fr' });
});

test('characters that url.domainToASCII would silently drop are refused, not dropped', () => {
  // domainToASCII('exa\u200bmple.fr') is 'example.fr': accepting it would store another address.
  for (const email of ['amina@exa\u200bmple.fr', 'amina@exa\u00admple.fr', 'amina@exa\u2060mple.fr']) {
    assert.deepEqual(checkEmailAddress(email), { ok: false, problem: 'invisible_character' }, email);
  }
});

test('emoji and symbols, which domainToASCII accepts, are refused and shown', () => {
  assert.deepEqual(checkEmailAddress('amina@i❤.ws'), {
    ok: false,
    problem: 'unsupported_character',
    character: '❤',
  });
  assert.deepEqual(checkEmailAddress('😀@example.org'), {
    ok: false,
    problem: 'unsupported_character',
    character: '😀',
  });
});

test('the length limits apply to the ASCII form SMTP carries', () => {
  // Each label of 27 characters becomes 43 in punycode: six of them exceed 254 characters.
  const label = 'éaèbêcëdîeïfôgöhùiûjükçlàmâ';
  const long = `amina@${Array.from({ length: 6 }, () => label).join('.')}.fr`;
  assert.ok(long.length < 254, 'short as typed');
  assert.deepEqual(checkEmailAddress(long), { ok: false, problem: 'format' });
  assert.equal(checkEmailAddress(`${'a'.repeat(64)}@example.fr`).ok, true);
  assert.deepEqual(checkEmailAddress(`${'a'.repeat(65)}@example.fr`), { ok: false, problem: 'format' });
});

test('an empty address is required, not malformed', () => {
  assert.deepEqual(checkEmailAddress('   '), { ok: false, problem: 'required' });
});
