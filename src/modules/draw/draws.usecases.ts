import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { DrawStatus } from '../../db/schema.ts';
import { AppError, invalid } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import { coverageOf, covers, isEmpty } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { findOffer } from '../configuration/offers.repository.ts';
import type { Acting } from '../configuration/offices.access.ts';
import { type Beacon, BeaconUnavailableError } from './beacon.ts';
import { insertDraw } from './draws.repository.ts';
import { checkBeaconRound, checkDrawWindow, type DrawRequestInput, drawFieldError } from './draws.rules.ts';
import {
  findBundle,
  findPublishedDraw,
  listPublishedDraws,
  type PublishedDraw,
} from './published-draws.repository.ts';

// One-off draws (PRODUCT §7.1) and the public reads of every draw (§7 "Draws"): the list of a
// procedure's draws, one draw, and once drawn its bundle (§5.1). The seed is only ever read inside the
// bundle, which exists once the draw is drawn.

/** What the draws' use cases need; `beacon` when DRAW_BEACON_URL is set. */
export interface DrawsDeps {
  db: Db;
  clock: Clock;
  config: Config;
  beacon?: Beacon | undefined;
}

/** A draw as the public sees it: the stored status, or `closed` once its window has closed undrawn. */
export interface ShownDraw extends Omit<PublishedDraw, 'status'> {
  status: DrawStatus;
}

/** The status shown (draw-contract): drawn, else closed from the window's close, else open. */
export function shownStatus(draw: Pick<PublishedDraw, 'status' | 'windowClosesAt'>, now: Date): DrawStatus {
  if (draw.status === 'drawn') return 'drawn';
  return now.getTime() >= draw.windowClosesAt.getTime() ? 'closed' : 'open';
}

const shown = (draw: PublishedDraw, now: Date): ShownDraw => ({ ...draw, status: shownStatus(draw, now) });

function drawNotFound(): AppError {
  return new AppError(404, 'draw_not_found', "Ce tirage n'existe pas.");
}

function offerNotFound(): AppError {
  return new AppError(404, 'offer_not_found', "Cette offre n'existe pas.");
}

async function firstRoundAfter(beacon: Beacon | undefined, closesAt: Date): Promise<number | undefined> {
  if (!beacon) return undefined;
  try {
    return await beacon.roundAfter(closesAt);
  } catch (error) {
    if (!(error instanceof BeaconUnavailableError)) throw error;
    throw new AppError(503, 'beacon_unavailable', 'La balise publique ne répond pas : réessayez plus tard.');
  }
}

/**
 * Creates a one-off draw of a draw offer (`draw.manage` on its office): its window and period are
 * checked, a beacon round pinned after its close when a beacon is configured, then the draw is
 * inserted with a fresh seed and its commitment, and audited in the same transaction. An offer
 * unknown or outside the agent's scope is a 404 (its existence does not leak); each wrong field a 422.
 */
export async function createDraw(
  deps: DrawsDeps,
  input: DrawRequestInput,
  acting: Acting,
): Promise<{ id: number; commitment: string }> {
  const coverage = coverageOf(acting.principal, 'draw.manage');
  if (isEmpty(coverage)) ensureAllowed(acting.principal, 'draw.manage', { kind: 'national' });
  const offer = await findOffer(deps.db, input.offerId);
  const place = offer && {
    kind: 'site' as const,
    siteId: offer.siteId,
    departmentCode: offer.departmentCode,
  };
  if (!offer || !place || !covers(coverage, place)) throw offerNotFound();
  const now = deps.clock.now();
  const { window, errors } = checkDrawWindow(input, now, offer.timezone);
  if (offer.channel !== 'draw') errors.unshift(drawFieldError('offerId', 'offer_not_draw'));
  if (errors.length > 0) throw invalid(errors);
  const beacon = checkBeaconRound(
    input.beaconRound,
    await firstRoundAfter(deps.beacon, window.windowClosesAt),
  );
  if (beacon.errors.length > 0) throw invalid(beacon.errors);
  return deps.db.transaction().execute(async (trx) => {
    const draw = {
      procedureId: offer.procedureId,
      departmentCode: offer.departmentCode,
      kind: 'main' as const,
      origin: 'one_off' as const,
      offerIds: [offer.id],
      siteIds: [offer.siteId],
      ...window,
      beaconRound: beacon.round,
      createdBy: acting.principal.agentId,
    };
    const created = await insertDraw(trx, draw);
    if (!created) throw new Error('a one-off draw is always inserted');
    const { createdBy: _agent, ...after } = draw;
    await recordAudit(
      trx,
      acting.actor,
      {
        action: 'draw.create',
        target: { type: 'draw', id: created.id },
        place: { departmentCode: offer.departmentCode, siteId: offer.siteId },
        after: { ...after, commitment: created.commitment },
      },
      now,
    );
    return created;
  });
}

/** The draws of a procedure (at one office when given), the latest window first. */
export async function listDraws(
  deps: Pick<DrawsDeps, 'db' | 'clock'>,
  filter: { procedureId: number; siteId?: number },
): Promise<ShownDraw[]> {
  const now = deps.clock.now();
  return (await listPublishedDraws(deps.db, filter, now)).map((draw) => shown(draw, now));
}

/** One draw and, once drawn, its bundle; 404 for an unknown id. */
export async function getDraw(
  deps: Pick<DrawsDeps, 'db' | 'clock'>,
  id: number,
): Promise<{ draw: ShownDraw; bundle?: Record<string, unknown> }> {
  const now = deps.clock.now();
  const draw = await findPublishedDraw(deps.db, id, now);
  if (!draw) throw drawNotFound();
  if (draw.status !== 'drawn') return { draw: shown(draw, now) };
  const bundle = await findBundle(deps.db, id);
  return { draw: shown(draw, now), ...(bundle ? { bundle } : {}) };
}
