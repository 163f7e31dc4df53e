// The draw, exactly (PRODUCT §5.1, version creneau-draw-v1): a pure function of the published bundle.
// Anyone must be able to recompute it in a few lines; the only thing here that a few lines would not
// do is speed, and `firstAcceptedSlot` explains why its shortcut gives the same slot as the plain scan.
import { createHash, createHmac, hash } from 'node:crypto';
import {
  civilDay,
  compareIdKeys,
  type DrawId,
  type DrawInput,
  DrawInputError,
  type ParsedRequest,
  type ParsedSlot,
  parseDrawInput,
} from './draw-input.ts';

export {
  DRAW_VERSION,
  type DrawId,
  type DrawInput,
  DrawInputError,
  type DrawRequest,
  type DrawSlot,
  HALF_DAY_CODES,
  halfDayCode,
} from './draw-input.ts';

/** One request's slot in the allocation. */
export interface Assignment {
  label: string;
  slotId: DrawId;
}

/** The draw's key, each request's order key (lowercase hex) and the allocation, in request order. */
export interface DrawResult {
  key: string;
  orderKeys: Map<string, string>;
  allocation: Assignment[];
}

/** The commitment published when a draw is created: lowercase hex of SHA-256(seed bytes). */
export function commitmentOf(seedHex: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(seedHex)) throw new DrawInputError('seed', 'expected 64 hexadecimal digits');
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}

/** K = HMAC-SHA256(seed bytes, "creneau-draw-v1|" + id in decimal + "|" + beacon). */
export function drawKey(seed: Buffer, idKey: string, beacon: string): Buffer {
  return createHmac('sha256', seed).update(`creneau-draw-v1|${idKey}|${beacon}`, 'utf8').digest();
}

/** A request's order key, HMAC-SHA256(K, label), in lowercase hex (hex order is byte order). */
export function orderKeyOf(key: Buffer, label: string): string {
  return createHmac('sha256', key).update(label, 'utf8').digest('hex');
}

/**
 * Order keys for many labels: the same HMAC-SHA256(K, label) as `orderKeyOf`, written out as RFC 2104
 * does — SHA-256((K ⊕ opad) ‖ SHA-256((K ⊕ ipad) ‖ label)) — with one-shot hashes, because OpenSSL 3
 * spends ~30 µs setting up each `createHmac` and a draw has 100,000 labels (decision 0025). K is 32
 * bytes, shorter than SHA-256's 64-byte block, so it is only padded with zeros.
 */
export function orderKeysOf(key: Buffer, labels: Iterable<string>): Map<string, string> {
  if (key.length !== 32) throw new RangeError('a draw key has 32 bytes');
  const inner = Buffer.alloc(SHA256_BLOCK, 0x36);
  const outer = Buffer.alloc(SHA256_BLOCK + 32, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i] = (inner[i] as number) ^ (key[i] as number);
    outer[i] = (outer[i] as number) ^ (key[i] as number);
  }
  const keys = new Map<string, string>();
  let message = Buffer.alloc(SHA256_BLOCK + 256);
  inner.copy(message);
  for (const label of labels) {
    const length = Buffer.byteLength(label, 'utf8');
    if (SHA256_BLOCK + length > message.length) {
      message = Buffer.alloc(SHA256_BLOCK + length);
      inner.copy(message);
    }
    message.write(label, SHA256_BLOCK, 'utf8');
    hash('sha256', message.subarray(0, SHA256_BLOCK + length), 'buffer').copy(outer, SHA256_BLOCK);
    keys.set(label, hash('sha256', outer, 'hex'));
  }
  return keys;
}

const SHA256_BLOCK = 64;

/**
 * Allocates a draw's slots to its requests by serial dictatorship, exactly as PRODUCT §5.1 says. The
 * input is checked as if read from JSON: a bad field throws DrawInputError naming it.
 */
export function allocate(input: DrawInput): DrawResult {
  const draw = parseDrawInput(input);
  const key = drawKey(draw.seed, draw.idKey, draw.beacon);
  const orderKeys = orderKeysOf(
    key,
    draw.requests.map(({ request }) => request.label),
  );
  const requests = orderRequests(draw.requests, orderKeys);
  const slots = orderSlots(draw.slots);
  const index = new SlotIndex(slots);
  const allocation: Assignment[] = [];
  for (const request of requests) {
    if (index.seatsLeft === 0) break;
    const rank = index.firstAcceptedSlot(request);
    if (rank === undefined) continue;
    index.takeSeat(rank);
    allocation.push({ label: request.request.label, slotId: (slots[rank] as ParsedSlot).slot.id });
  }
  return { key: key.toString('hex'), orderKeys, allocation };
}

/** Tier ascending, lost draws descending, order key ascending as bytes, label ascending as UTF-8 bytes. */
function orderRequests(requests: ParsedRequest[], orderKeys: Map<string, string>): ParsedRequest[] {
  // Flat records with the sort's fields, so that 100,000 requests sort in a fraction of a second.
  const keyed = requests.map((parsed) => ({
    parsed,
    tier: parsed.request.tier,
    lost: parsed.request.lost,
    orderKey: orderKeys.get(parsed.request.label) ?? '',
  }));
  keyed.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.lost - a.lost ||
      compareStrings(a.orderKey, b.orderKey) ||
      Buffer.compare(Buffer.from(a.parsed.request.label), Buffer.from(b.parsed.request.label)),
  );
  return keyed.map(({ parsed }) => parsed);
}

/** Start ascending as instants, then id ascending as integers. */
function orderSlots(slots: ParsedSlot[]): ParsedSlot[] {
  return [...slots].sort((a, b) => a.instant - b.instant || compareIdKeys(a.idKey, b.idKey));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The slots of one site on one local date and half-day, by rank (position in slot order). */
interface Bucket {
  localDay: number;
  halfDay: number;
  ranks: number[];
  /** Position in `ranks` of the first slot that may still have seats. */
  head: number;
}

/**
 * Finds "the first slot in slot order that the request accepts and that has seats left" without
 * scanning every slot. Acceptance depends only on a slot's site, local date and half-day, so all slots
 * of one (site, date, half-day) bucket are accepted or refused together; within an accepted bucket the
 * first slot with seats left is its earliest-ranked one, and the answer is the smallest of those over
 * the accepted buckets. Seats only ever decrease, so each bucket's head only moves forward.
 */
class SlotIndex {
  seatsLeft = 0;
  private readonly seats: number[];
  private readonly bySite = new Map<string, Bucket[]>();

  constructor(slots: ParsedSlot[]) {
    this.seats = slots.map((slot) => slot.seats);
    const buckets = new Map<string, Bucket>();
    slots.forEach((slot, rank) => {
      this.seatsLeft += slot.seats;
      const name = `${slot.siteKey}|${slot.localDay}|${slot.halfDay}`;
      let bucket = buckets.get(name);
      if (bucket === undefined) {
        bucket = { localDay: slot.localDay, halfDay: slot.halfDay, ranks: [], head: 0 };
        buckets.set(name, bucket);
        const site = this.bySite.get(slot.siteKey) ?? [];
        site.push(bucket);
        this.bySite.set(slot.siteKey, site);
      }
      bucket.ranks.push(rank);
    });
    for (const site of this.bySite.values()) site.sort((a, b) => a.localDay - b.localDay);
  }

  /** The rank of the request's slot, or undefined when no slot it accepts has seats left. */
  firstAcceptedSlot(request: ParsedRequest): number | undefined {
    let best = Number.POSITIVE_INFINITY;
    for (const siteKey of request.siteKeys) {
      const site = this.bySite.get(siteKey);
      if (site === undefined) continue;
      for (let i = firstOnOrAfter(site, request.earliestDay); i < site.length; i++) {
        const bucket = site[i] as Bucket;
        if ((request.halfDayMask & (1 << bucket.halfDay)) === 0) continue;
        const rank = this.headOf(bucket);
        if (rank !== undefined && rank < best) best = rank;
      }
    }
    return best === Number.POSITIVE_INFINITY ? undefined : best;
  }

  takeSeat(rank: number): void {
    this.seats[rank] = (this.seats[rank] ?? 0) - 1;
    this.seatsLeft -= 1;
  }

  private headOf(bucket: Bucket): number | undefined {
    while (bucket.head < bucket.ranks.length && this.seats[bucket.ranks[bucket.head] as number] === 0) {
      bucket.head += 1;
    }
    return bucket.ranks[bucket.head];
  }
}

/** The first bucket whose local date is not before `day` (buckets sorted by date). */
function firstOnOrAfter(buckets: Bucket[], day: number): number {
  let low = 0;
  let high = buckets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((buckets[middle] as Bucket).localDay < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** What decides a request's tier: the procedure's permit window, the draw's window close, the expiry. */
export interface TierInput {
  /** Whether the procedure has a permit-expiry window (`procedure.title_expiry_within_days`). */
  hasPermitWindow: boolean;
  /** The local date the request window closes (YYYY-MM-DD). */
  windowClosesOn: string;
  /** The permit's expiry date (YYYY-MM-DD), or null when the procedure asks none. */
  titleExpiry: string | null;
}

/**
 * The default tier (PRODUCT §5.1 "Tiers"): days from the window's close to the permit's expiry ≤ 30
 * or already expired → 0, ≤ 60 → 1, otherwise 2; a procedure without a permit window → 2.
 */
export function tierOf({ hasPermitWindow, windowClosesOn, titleExpiry }: TierInput): 0 | 1 | 2 {
  if (!hasPermitWindow || titleExpiry === null) return 2;
  const days = dateDay(titleExpiry, 'titleExpiry') - dateDay(windowClosesOn, 'windowClosesOn');
  if (days <= 30) return 0;
  return days <= 60 ? 1 : 2;
}

function dateDay(date: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const day = match ? civilDay(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  if (day === undefined) throw new DrawInputError(field, `expected a date YYYY-MM-DD, got "${date}"`);
  return day;
}
