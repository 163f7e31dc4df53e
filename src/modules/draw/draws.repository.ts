import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { DrawKind, DrawOrigin } from '../../db/schema.ts';

/** A draw to create: its seed is drawn here, from the cryptographic generator. */
export interface NewDraw {
  procedureId: number;
  departmentCode: string;
  kind: DrawKind;
  origin: DrawOrigin;
  offerIds: number[];
  siteIds: number[];
  windowOpensAt: Date;
  windowClosesAt: Date;
  /** Local dates, 'YYYY-MM-DD', of the period whose slots it allocates. */
  slotsFrom: string;
  slotsTo: string;
  /** The beacon round pinned at creation (Beacon.roundAfter(windowClosesAt)), or null. */
  beaconRound: number | null;
  createdBy: number | null;
}

/**
 * Creates a draw with a fresh 32-byte seed and its commitment (PRODUCT §5 "Commitment"). A calendar
 * window that already has its draw is not created twice: the answer is then undefined.
 */
export async function insertDraw(
  trx: Executor,
  draw: NewDraw,
): Promise<{ id: number; commitment: string } | undefined> {
  const seed = randomBytes(32);
  const commitment = createHash('sha256').update(seed).digest('hex');
  return trx
    .insertInto('draw')
    .values({
      procedure_id: draw.procedureId,
      department_code: draw.departmentCode,
      kind: draw.kind,
      origin: draw.origin,
      offer_ids: draw.offerIds,
      site_ids: draw.siteIds,
      window_opens_at: draw.windowOpensAt,
      window_closes_at: draw.windowClosesAt,
      slots_from: draw.slotsFrom,
      slots_to: draw.slotsTo,
      seed,
      commitment,
      beacon_round: draw.beaconRound,
      created_by: draw.createdBy,
    })
    .onConflict((conflict) =>
      conflict
        .columns([
          'procedure_id',
          'department_code',
          'window_opens_at',
          'window_closes_at',
          'slots_from',
          'slots_to',
        ])
        .where('origin', '=', 'calendar')
        .doNothing(),
    )
    .returning(['id', 'commitment'])
    .executeTakeFirst();
}
