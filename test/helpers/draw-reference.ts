// PRODUCT §5.1 written the way a third party would, in a few lines and sharing no code with
// src/modules/draw/: createHmac for every key, Date.parse for instants, the local date and hour read
// from the string, BigInt for ids, and a scan of every slot for every request. The tests compare the
// optimised `allocate` with it; it assumes valid input.
import { createHash, createHmac } from 'node:crypto';
import type { DrawInput, DrawRequest, DrawSlot } from '../../src/modules/draw/allocation.ts';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function referenceCommitment(seed: string): string {
  return createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
}

export function referenceKey(draw: DrawInput): Buffer {
  const message = `creneau-draw-v1|${BigInt(draw.id).toString()}|${draw.beacon}`;
  return createHmac('sha256', Buffer.from(draw.seed, 'hex')).update(message, 'utf8').digest();
}

export function referenceOrderKey(key: Buffer, label: string): Buffer {
  return createHmac('sha256', key).update(label, 'utf8').digest();
}

/** The half-day code of a start in its own offset's local time: the weekday of its written date. */
export function referenceHalfDay(start: string): string {
  const weekday = new Date(`${start.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return `${DAYS[weekday]}-${Number(start.slice(11, 13)) < 12 ? 'am' : 'pm'}`;
}

export function referenceAccepts(request: DrawRequest, slot: DrawSlot): boolean {
  return (
    request.siteIds.some((site) => BigInt(site) === BigInt(slot.siteId)) &&
    (request.halfDays.length === 0 || request.halfDays.includes(referenceHalfDay(slot.start))) &&
    (request.earliest === null || request.earliest <= slot.start.slice(0, 10))
  );
}

/** The requests in draw order: tier ascending, lost descending, order key bytes, label bytes. */
export function referenceRequestOrder(draw: DrawInput): DrawRequest[] {
  const key = referenceKey(draw);
  const keyed = draw.requests.map((request) => ({
    request,
    orderKey: referenceOrderKey(key, request.label),
  }));
  keyed.sort(
    (a, b) =>
      a.request.tier - b.request.tier ||
      b.request.lost - a.request.lost ||
      Buffer.compare(a.orderKey, b.orderKey) ||
      Buffer.compare(Buffer.from(a.request.label), Buffer.from(b.request.label)),
  );
  return keyed.map(({ request }) => request);
}

/** The slots in draw order: start ascending as instants, then id ascending as integers. */
export function referenceSlotOrder(draw: DrawInput): DrawSlot[] {
  const id = (slot: DrawSlot) => BigInt(slot.id);
  return [...draw.slots].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
  );
}

/** Serial dictatorship: each request in order takes the first slot it accepts with seats left. */
export function referenceAllocate(draw: DrawInput): { label: string; slotId: DrawSlot['id'] }[] {
  const slots = referenceSlotOrder(draw);
  const seats = new Map(slots.map((slot) => [slot, slot.seats]));
  const allocation: { label: string; slotId: DrawSlot['id'] }[] = [];
  for (const request of referenceRequestOrder(draw)) {
    const slot = slots.find((s) => (seats.get(s) ?? 0) > 0 && referenceAccepts(request, s));
    if (slot === undefined) continue;
    seats.set(slot, (seats.get(slot) ?? 0) - 1);
    allocation.push({ label: request.label, slotId: slot.id });
  }
  return allocation;
}
