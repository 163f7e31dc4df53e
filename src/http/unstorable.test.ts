import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUnstorable, MAX_DEPTH } from './unstorable.ts';

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

test('a million levels of nesting are walked without overflowing the stack', () => {
  // JSON.parse builds such a value without recursion; a recursive walk would throw RangeError here.
  const found = findUnstorable({ token: nested(1_000_000, 'x') });
  assert.deepEqual(found, [{ path: ['token'], problem: 'too_deep' }]);
});

test('nesting is refused just past the limit, on the top-level field, once', () => {
  assert.deepEqual(findUnstorable({ a: nested(MAX_DEPTH - 1, 1) }), []);
  assert.deepEqual(findUnstorable({ a: nested(MAX_DEPTH, 1) }), [{ path: ['a'], problem: 'too_deep' }]);
  const twice = findUnstorable({ a: [nested(40, 1), nested(40, 1)] });
  assert.deepEqual(twice, [{ path: ['a'], problem: 'too_deep' }]);
});

test('NUL and lone surrogates are found in values and in keys, with their path', () => {
  const found = findUnstorable({
    applicant: { lastName: 'Du\u0000pont', firstName: 'A\ud800' },
    list: ['ok', '\udc00'],
    'bad\u0000key': 'x',
  });
  assert.deepEqual(found, [
    { path: ['applicant', 'lastName'], problem: 'nul_character' },
    { path: ['applicant', 'firstName'], problem: 'broken_character' },
    { path: ['list', '1'], problem: 'broken_character' },
    { path: ['bad\u0000key'], problem: 'nul_character' },
  ]);
  // A well-formed pair of surrogates is an ordinary character.
  assert.deepEqual(findUnstorable({ name: '😀' }), []);
});

test('numbers beyond ±2^53, Infinity (what 1e400 parses to) and NaN are refused; -0 is not', () => {
  const found = findUnstorable(JSON.parse('{"a":1e400,"b":-1e400,"c":9007199254740993,"d":-0,"e":1.5}'));
  assert.deepEqual(found, [
    { path: ['a'], problem: 'number_too_large' },
    { path: ['b'], problem: 'number_too_small' },
    { path: ['c'], problem: 'number_too_large' },
  ]);
  assert.deepEqual(findUnstorable(Number.NaN), [{ path: [], problem: 'number_too_large' }]);
});

test('a huge array is walked, and at most 20 problems are reported', () => {
  const found = findUnstorable({ list: Array.from({ length: 100_000 }, () => '\u0000') });
  assert.equal(found.length, 20);
  assert.deepEqual(found[0], { path: ['list', '0'], problem: 'nul_character' });
});
