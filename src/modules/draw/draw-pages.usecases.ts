import type { ProcedureTranslations } from '../../db/schema.ts';
import type { DrawsDeps, ShownDraw } from './draws.usecases.ts';
import { getDraw, listDraws } from './draws.usecases.ts';
import { findProcedureTitle, siteNames } from './published-draws.repository.ts';

// The public draw pages' models (PRODUCT §4.6, issue 9 item 4): a draw with its commitment and, once
// drawn, its seed, beacon, counts by tier and pseudonymised allocation; a procedure's draws.

/** Requests and winners of one tier. */
export interface TierCount {
  tier: number;
  requests: number;
  winners: number;
}

/** One line of the allocation: a label, its slot's start (as the bundle writes it) and office. */
export interface AllocationRow {
  label: string;
  start: string;
  office: string;
}

/** A drawn draw's published result. */
export interface DrawResultModel {
  seed: string;
  beacon: string;
  tiers: TierCount[];
  allocation: AllocationRow[];
}

export interface DrawPageModel {
  draw: ShownDraw;
  offices: string[];
  result?: DrawResultModel;
  /** The bundle's address, for the link and the verification command. */
  bundleUrl: string;
}

export interface DrawListPageModel {
  procedure: { id: number; title: string; translations: ProcedureTranslations };
  draws: ShownDraw[];
}

interface BundleSlot {
  id: number | string;
  siteId: number | string;
  start: string;
}

interface BundleRequest {
  label: string;
  tier: number;
}

/** Counts by tier of the bundle's requests and of those the allocation names. */
export function tierCounts(requests: BundleRequest[], winners: ReadonlySet<string>): TierCount[] {
  const tiers = new Map<number, TierCount>();
  for (const request of requests) {
    const count = tiers.get(request.tier) ?? { tier: request.tier, requests: 0, winners: 0 };
    count.requests += 1;
    if (winners.has(request.label)) count.winners += 1;
    tiers.set(request.tier, count);
  }
  return [...tiers.values()].sort((a, b) => a.tier - b.tier);
}

function resultOf(bundle: Record<string, unknown>, names: Map<number, string>): DrawResultModel {
  const slots = new Map(
    ((bundle.slots ?? []) as BundleSlot[]).map((slot) => [String(slot.id), slot] as const),
  );
  const allocation = ((bundle.allocation ?? []) as { label: string; slotId: number | string }[]).map(
    ({ label, slotId }) => {
      const slot = slots.get(String(slotId));
      return {
        label,
        start: slot?.start ?? '',
        office: names.get(Number(slot?.siteId)) ?? '',
      };
    },
  );
  allocation.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.label < b.label ? -1 : 1));
  const winners = new Set(allocation.map((row) => row.label));
  return {
    seed: String(bundle.seed ?? ''),
    beacon: String(bundle.beacon ?? ''),
    tiers: tierCounts((bundle.requests ?? []) as BundleRequest[], winners),
    allocation,
  };
}

/** The public page of a draw; 404 for an unknown id. */
export async function drawPage(deps: Pick<DrawsDeps, 'db' | 'clock' | 'config'>, id: number) {
  const { draw, bundle } = await getDraw(deps, id);
  const bundleSites = ((bundle?.slots ?? []) as BundleSlot[]).map((slot) => Number(slot.siteId));
  const names = await siteNames(deps.db, [...new Set([...draw.siteIds, ...bundleSites])]);
  return {
    draw,
    offices: draw.siteIds.map((siteId) => names.get(siteId) ?? String(siteId)),
    ...(bundle ? { result: resultOf(bundle, names) } : {}),
    bundleUrl: `${deps.config.publicUrl}/api/v1/draws/${draw.id}`,
  } satisfies DrawPageModel;
}

/** The public list of a procedure's draws; undefined for an unknown procedure. */
export async function drawListPage(
  deps: Pick<DrawsDeps, 'db' | 'clock'>,
  procedureId: number,
): Promise<DrawListPageModel | undefined> {
  const procedure = await findProcedureTitle(deps.db, procedureId);
  if (!procedure) return undefined;
  return { procedure: { id: procedureId, ...procedure }, draws: await listDraws(deps, { procedureId }) };
}
