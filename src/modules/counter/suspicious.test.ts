import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  editDistance,
  labelGroups,
  normalisedEmail,
  normalisedName,
  suspiciousGroups,
} from './suspicious.ts';

const booking = (
  reference: string,
  over: Partial<{
    email: string;
    phone: string | null;
    networkKey: string | null;
    lastName: string;
    firstName: string;
  }>,
) => ({
  reference,
  email: `${reference.toLowerCase()}@example.org`,
  phone: null,
  networkKey: null,
  lastName: reference.repeat(8),
  firstName: 'Prénom',
  kind: 'booking' as const,
  ...over,
});

describe('the suspicious bookings’ groups', () => {
  test('addresses are compared as mailboxes receive them', () => {
    assert.equal(normalisedEmail(' A.Mina+1@GMail.com'), 'amina@gmail.com');
    assert.equal(normalisedEmail('a.mina+x@example.org'), 'a.mina@example.org');
  });

  test('names without accents, case, hyphens, in either order; edit distance bounded', () => {
    assert.equal(
      normalisedName({ lastName: 'Ben-Ali', firstName: 'Amina' }),
      normalisedName({ lastName: 'AMINA', firstName: 'ben ali' }),
    );
    assert.equal(editDistance('dupont', 'dupond', 1), 1);
    assert.equal(editDistance('dupont', 'durand', 1), 2, 'stops past the limit');
  });

  test('groups by email, phone, network and near names; singletons are not suspicious', () => {
    const groups = suspiciousGroups([
      booking('A', { email: 'revendeur+1@gmail.com', networkKey: 'aa' }),
      booking('B', { email: 'r.evendeur+2@gmail.com', phone: '+33612345678' }),
      booking('C', { phone: '+33612345678', lastName: 'Dupont', firstName: 'Amina' }),
      booking('D', { lastName: 'Dupond', firstName: 'Amina', networkKey: 'aa' }),
      booking('E', { lastName: 'Martin', firstName: 'Lucie', networkKey: 'bb' }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.reason, g.members.map((b) => b.reference)]),
      [
        ['email', ['A', 'B']],
        ['phone', ['B', 'C']],
        ['network', ['A', 'D']],
        ['name', ['C', 'D']],
      ],
    );
  });

  test('a request and a booking sharing a phone are one group; each row keeps its kind and groups', () => {
    const request = {
      ...booking('R', { phone: '+33611112222', email: 'r2@example.org' }),
      kind: 'request' as const,
    };
    const { groups, reasonsOf } = labelGroups(
      suspiciousGroups([booking('A', { phone: '+33611112222' }), request, booking('R', {})]),
    );
    assert.deepEqual(
      groups.map((g) => [g.group, g.members.map((m) => `${m.kind}:${m.reference}`)]),
      [
        ['phone-1', ['booking:A', 'request:R']],
        ['name-1', ['request:R', 'booking:R']],
      ],
    );
    assert.deepEqual(reasonsOf(request), [
      { kind: 'phone', group: 'phone-1' },
      { kind: 'name', group: 'name-1' },
    ]);
    assert.deepEqual(reasonsOf({ kind: 'booking', reference: 'R' }), [{ kind: 'name', group: 'name-1' }]);
  });
});
