// The grouping of the suspicious-bookings review (issue 10 point 7, seeds/004; decisions 0038, 0043,
// 0048): active bookings and waiting requests that share an email address (once normalised), a phone
// number, a network (the keyed hash of a subscriber's range), or near-identical names. Pure: the
// repositories read the rows, this decides the groups and their reasons.

export type SuspicionReason = 'email' | 'phone' | 'network' | 'name';

/** An appointment (booking) or a request of the draw queue: one group may hold both. */
export type CandidateKind = 'booking' | 'request';

export interface Candidate {
  kind: CandidateKind;
  /** The booking's reference, or the request's label. */
  reference: string;
  email: string;
  phone: string | null;
  /** The network key as text (hex), compared only; null when none was recorded. */
  networkKey: string | null;
  lastName: string;
  firstName: string;
}

export interface SuspiciousGroup<C extends Candidate = Candidate> {
  reason: SuspicionReason;
  members: C[];
}

/**
 * The address as a mailbox receives it: lower case, without a `+tag`, and for Gmail without the dots
 * of its local part — the variations a reseller uses to pass the per-address limit.
 */
export function normalisedEmail(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  const untagged = local.split('+')[0] ?? '';
  const gmail = domain === 'gmail.com' || domain === 'googlemail.com';
  return `${gmail ? untagged.replaceAll('.', '') : untagged}@${gmail ? 'gmail.com' : domain}`;
}

/** Names compared without case, accents, spaces, hyphens or apostrophes, in either order. */
export function normalisedName(c: Pick<Candidate, 'lastName' | 'firstName'>): string {
  const simple = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  return [simple(c.lastName), simple(c.firstName)].sort().join(' ');
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** Two names are near-identical within one edit for short names, two from 12 letters on. */
function nearNames(a: string, b: string): boolean {
  const limit = Math.min(a.length, b.length) >= 12 ? 2 : 1;
  return editDistance(a, b, limit) <= limit;
}

function byKey<C extends Candidate>(
  candidates: readonly C[],
  key: (c: C) => string | null,
  reason: SuspicionReason,
) {
  const groups = new Map<string, C[]>();
  for (const c of candidates) {
    const k = key(c);
    if (k) groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((members) => ({ reason, members }));
}

/** Clusters of near-identical names (single linkage): A~B and B~C put A, B and C together. */
function byName<C extends Candidate>(candidates: readonly C[]): SuspiciousGroup<C>[] {
  const names = candidates.map(normalisedName);
  const parent = candidates.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] ?? i;
    return i;
  };
  for (let i = 0; i < candidates.length; i++)
    for (let j = i + 1; j < candidates.length; j++)
      if (nearNames(names[i] ?? '', names[j] ?? '')) parent[root(j)] = root(i);
  const clusters = new Map<number, C[]>();
  candidates.forEach((c, i) => {
    clusters.set(root(i), [...(clusters.get(root(i)) ?? []), c]);
  });
  return [...clusters.values()].filter((g) => g.length > 1).map((members) => ({ reason: 'name', members }));
}

/**
 * Every group of two or more rows, by email, then phone, then network, then names; a row may be in
 * several.
 */
export function suspiciousGroups<C extends Candidate>(candidates: readonly C[]): SuspiciousGroup<C>[] {
  return [
    ...byKey(candidates, (c) => normalisedEmail(c.email), 'email'),
    ...byKey(candidates, (c) => c.phone, 'phone'),
    ...byKey(candidates, (c) => c.networkKey, 'network'),
    ...byName(candidates),
  ];
}

/** A group numbered within its kind (`network-2`): how the page and the API name it, never by its key. */
export interface LabelledGroup<C extends Candidate = Candidate> extends SuspiciousGroup<C> {
  number: number;
  group: string;
}

/** The groups numbered within their kind, in order, and for each row every group it is in. */
export function labelGroups<C extends Candidate>(groups: readonly SuspiciousGroup<C>[]) {
  const counts = new Map<SuspicionReason, number>();
  const labelled: LabelledGroup<C>[] = groups.map((g) => {
    const number = (counts.get(g.reason) ?? 0) + 1;
    counts.set(g.reason, number);
    return { ...g, number, group: `${g.reason}-${number}` };
  });
  const reasons = new Map<string, { kind: SuspicionReason; group: string }[]>();
  // A label and a reference never look alike, but the kind keeps the two namespaces apart anyway.
  const key = (c: Pick<Candidate, 'kind' | 'reference'>) => `${c.kind}:${c.reference}`;
  for (const g of labelled)
    for (const c of g.members)
      reasons.set(key(c), [...(reasons.get(key(c)) ?? []), { kind: g.reason, group: g.group }]);
  return {
    groups: labelled,
    reasonsOf: (c: Pick<Candidate, 'kind' | 'reference'>) => reasons.get(key(c)) ?? [],
  };
}
