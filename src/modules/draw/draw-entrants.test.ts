import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideEligibility, type EligibilityFacts } from './draw-entrants.ts';
import type { Candidate } from './draw-run.repository.ts';

// Eligibility before the draw (PRODUCT §5), without a database.

const candidate = (label: string, overrides: Partial<Candidate> = {}): Candidate => ({
  id: label,
  label,
  identityKey: `F:${label}`,
  emailKey: 'a@example.org',
  siteIds: [3, 1, 9],
  halfDays: [],
  earliest: null,
  lost: 0,
  priority: false,
  titleExpiry: null,
  enteredBy: null,
  locale: 'fr',
  ...overrides,
});

const facts: EligibilityFacts = {
  closingDay: '2029-12-20',
  permitWindow: { titleExpiryWithinDays: 92, titleExpiredSinceDays: 10 },
  booked: new Set(),
  activeByEmail: new Map(),
  maxActivePerEmail: 3,
};

describe('eligibility before a draw', () => {
  it('admits at most the room an address has left, by label; a partner’s entries never count', () => {
    const candidates = ['E', 'B', 'D', 'A', 'C'].map((label) => candidate(label));
    candidates.push(candidate('F', { enteredBy: 7 }));
    const result = decideEligibility(
      candidates,
      { siteIds: [1, 3] },
      {
        ...facts,
        activeByEmail: new Map([['a@example.org', 1]]),
      },
    );
    assert.deepEqual(
      result.entrants.map((e) => e.request.label),
      ['A', 'B', 'F'],
    );
    assert.deepEqual(
      result.skipped.map((c) => c.label),
      ['C', 'D', 'E'],
    );
    assert.deepEqual(result.entrants[0]?.siteIds, [1, 3], 'the draw’s offices only, ascending');
  });

  it('closes a booked identity and a permit expired too long; tiers from the permit or the priority', () => {
    const result = decideEligibility(
      [
        candidate('A', { identityKey: 'F:booked' }),
        candidate('B', { titleExpiry: '2029-12-09', emailKey: 'b' }),
        candidate('C', { titleExpiry: '2029-12-10', emailKey: 'c' }),
        candidate('D', { titleExpiry: '2030-02-10', emailKey: 'd' }),
        candidate('E', { titleExpiry: '2030-03-15', emailKey: 'e', priority: true }),
        candidate('F', { titleExpiry: '2030-03-15', emailKey: 'f' }),
      ],
      { siteIds: [1] },
      { ...facts, booked: new Set(['F:booked']) },
    );
    assert.deepEqual(
      result.closed.map((c) => c.label),
      ['A', 'B'],
    );
    assert.deepEqual(
      result.entrants.map((e) => [e.request.label, e.tier]),
      [
        ['C', 0],
        ['D', 1],
        ['E', 0],
        ['F', 2],
      ],
    );
  });
});
