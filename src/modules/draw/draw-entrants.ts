// Who takes part in a draw, and what the draw is computed from (PRODUCT §5 "Eligibility", §5.1).
// Pure: the use case reads the rows, this decides. Every rule that could refuse a winner is applied
// here, before the draw, so that the published request list is exactly the set drawn among.
import { formatInZone, localDate } from '../schedule/timezone.ts';
import { DRAW_VERSION, type DrawInput, tierOf } from './allocation.ts';
import type { Candidate, DrawSlotRow, DrawToRun } from './draw-run.repository.ts';

/** A request in the draw's list: its row, and its tier and seniority as drawn. */
export interface Entrant {
  request: Candidate;
  tier: 0 | 1 | 2;
  lost: number;
  /** Its offices among the draw's, ascending. */
  siteIds: number[];
}

/** What eligibility decided: who is drawn among, who leaves the queue, who waits for a later draw. */
export interface Eligibility {
  entrants: Entrant[];
  /** No longer eligible at all: an active booking of the procedure, or a permit out of the window. */
  closed: Candidate[];
  /** Left waiting, out of this draw: their address has no room for one more active booking. */
  skipped: Candidate[];
}

export interface EligibilityFacts {
  /** The local date (office's zone) the draw's window closed: tiers and permits are read on it. */
  closingDay: string;
  permitWindow: { titleExpiryWithinDays: number | null; titleExpiredSinceDays: number | null };
  /** Identities already holding an active booking of the procedure, on any channel. */
  booked: Set<string>;
  /** Active bookings counting against each address. */
  activeByEmail: Map<string, number>;
  maxActivePerEmail: number;
}

/**
 * Sorts candidates into entrants, closed and skipped. An online request counts against its address:
 * when an address has room for k more active bookings, only its first k requests by label (random,
 * fixed at submission) are drawn among, so that no win can be refused by the address's limit. A
 * request entered by an agent or a partner association never counts (its address may be theirs).
 */
export function decideEligibility(
  candidates: readonly Candidate[],
  draw: Pick<DrawToRun, 'siteIds'>,
  facts: EligibilityFacts,
): Eligibility {
  const result: Eligibility = { entrants: [], closed: [], skipped: [] };
  const room = new Map<string, number>();
  const drawSites = new Set(draw.siteIds);
  const byLabel = [...candidates].sort((a, b) => compareText(a.label, b.label));
  for (const request of byLabel) {
    if (facts.booked.has(request.identityKey) || permitOutOfWindow(request, facts)) {
      result.closed.push(request);
      continue;
    }
    if (request.enteredBy === null) {
      const left =
        room.get(request.emailKey) ??
        facts.maxActivePerEmail - (facts.activeByEmail.get(request.emailKey) ?? 0);
      if (left <= 0) {
        result.skipped.push(request);
        continue;
      }
      room.set(request.emailKey, left - 1);
    }
    result.entrants.push({
      request,
      tier: request.priority
        ? 0
        : tierOf({
            hasPermitWindow: facts.permitWindow.titleExpiryWithinDays !== null,
            windowClosesOn: facts.closingDay,
            titleExpiry: request.titleExpiry,
          }),
      lost: request.lost,
      siteIds: request.siteIds.filter((id) => drawSites.has(id)).sort((a, b) => a - b),
    });
  }
  return result;
}

/** A permit expired longer ago than the procedure accepts, on the window's closing day. */
function permitOutOfWindow(request: Candidate, facts: EligibilityFacts): boolean {
  const since = facts.permitWindow.titleExpiredSinceDays;
  if (since === null || request.titleExpiry === null) return false;
  return daysBetween(request.titleExpiry, facts.closingDay) > since;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The window's closing day in the draw's département. */
export function closingDayOf(draw: Pick<DrawToRun, 'windowClosesAt' | 'timezone'>): string {
  return localDate(draw.windowClosesAt, draw.timezone);
}

/** The draw's input (§5.1): no name, email, foreigner number or birth date, only labels and choices. */
export function drawInputOf(
  draw: Pick<DrawToRun, 'id' | 'seed'>,
  beacon: string,
  slots: readonly DrawSlotRow[],
  entrants: readonly Entrant[],
): DrawInput {
  return {
    id: draw.id,
    version: DRAW_VERSION,
    seed: draw.seed.toString('hex'),
    beacon,
    slots: slots.map((slot) => ({
      id: Number(slot.id),
      siteId: slot.siteId,
      start: formatInZone(slot.startsAt, slot.timezone),
      seats: Number(slot.seats),
    })),
    requests: entrants.map(({ request, tier, lost, siteIds }) => ({
      label: request.label,
      tier,
      lost,
      siteIds,
      halfDays: [...request.halfDays],
      earliest: request.earliest,
    })),
  };
}
