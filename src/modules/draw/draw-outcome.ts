// What a draw's result writes, in the draw's transaction (PRODUCT §5 "Winners", "others"): a pending
// booking, its links and its email for each winner; one more lost draw and an email for the others;
// the entries of everyone in the list.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import { insertBooking, insertToken } from '../booking/booking.repository.ts';
import { newReference, newToken } from '../booking/tokens.ts';
import type { Notification } from '../notify/events.ts';
import { notificationRows } from '../notify/notify.ts';
import { insertNotifications } from '../notify/outbox.repository.ts';
import type { Assignment } from './allocation.ts';
import type { Entrant } from './draw-entrants.ts';
import {
  addLostDraw,
  type DrawSlotRow,
  type DrawToRun,
  findApplicantsOf,
  insertEntries,
  markWon,
  takenReferences,
} from './draw-run.repository.ts';

export interface OutcomeInput {
  draw: DrawToRun;
  entrants: readonly Entrant[];
  slots: readonly DrawSlotRow[];
  allocation: readonly Assignment[];
  now: Date;
}

/** A manage link serves until some time after the appointment, as a first-come booking's does. */
const MANAGE_TOKEN_DAYS_AFTER = 30;
const DAY_MS = 86_400_000;

/** Writes the outcome; answers how many won and lost. */
export async function writeOutcome(
  trx: Executor,
  config: Pick<Config, 'drawConfirmHours' | 'secretKey'>,
  input: OutcomeInput,
): Promise<{ won: number; lost: number }> {
  const { draw, entrants, slots, allocation, now } = input;
  const slotOf = new Map(allocation.map(({ label, slotId }) => [label, String(slotId)]));
  const winners = entrants.filter((entrant) => slotOf.has(entrant.request.label));
  const losers = entrants.filter((entrant) => !slotOf.has(entrant.request.label));
  const notifications: Notification[] = [];
  const holdExpiresAt = new Date(now.getTime() + config.drawConfirmHours * 3_600_000);
  const slotById = new Map(slots.map((slot) => [String(slot.id), slot]));
  const applicants = new Map(
    (
      await findApplicantsOf(
        trx,
        winners.map((w) => w.request.id),
      )
    ).map((a) => [a.id, a]),
  );
  const references = await freshReferences(trx, draw.departmentCode, winners.length);
  for (const [index, winner] of winners.entries()) {
    const slotId = slotOf.get(winner.request.label) as string;
    const applicant = applicants.get(winner.request.id);
    const slot = slotById.get(slotId);
    if (!applicant || !slot) throw new Error(`draw ${draw.id}: a winner's request or slot vanished`);
    const bookingId = await insertBooking(trx, {
      ...applicant,
      reference: references[index] as string,
      slotId,
      procedureId: draw.procedureId,
      holdExpiresAt,
      drawId: draw.id,
      requestId: winner.request.id,
      countsForEmail: applicant.enteredBy === null,
    });
    const confirm = newToken();
    const manage = newToken();
    await insertToken(trx, { bookingId, purpose: 'confirm', hash: confirm.hash, expiresAt: holdExpiresAt });
    await insertToken(trx, {
      bookingId,
      purpose: 'manage',
      hash: manage.hash,
      expiresAt: new Date(slot.endsAt.getTime() + MANAGE_TOKEN_DAYS_AFTER * DAY_MS),
    });
    await markWon(trx, winner.request.id, bookingId, now);
    notifications.push({
      event: 'draw.won',
      bookingId,
      requestId: winner.request.id,
      locale: applicant.locale,
      dueAt: now,
      tokens: { confirm: confirm.token, manage: manage.token },
      params: { drawId: draw.id, label: winner.request.label },
      channels: ['email', 'sms'],
    });
  }
  await addLostDraw(
    trx,
    losers.map((loser) => loser.request.id),
  );
  for (const loser of losers) {
    notifications.push({
      event: 'draw.lost',
      requestId: loser.request.id,
      locale: loser.request.locale,
      dueAt: now,
      params: { drawId: draw.id, lost: loser.lost + 1 },
    });
  }
  await insertEntries(
    trx,
    draw.id,
    entrants.map(({ request, tier, lost }) => ({
      requestId: request.id,
      tier,
      lost,
      slotId: slotOf.get(request.label) ?? null,
    })),
  );
  for (let i = 0; i < notifications.length; i += 500) {
    const batch = notifications.slice(i, i + 500).flatMap((n) => notificationRows(n, config));
    await insertNotifications(trx, batch);
  }
  return { won: winners.length, lost: losers.length };
}

/**
 * `count` booking references of the département that no booking has: a collision would abort the
 * whole draw's transaction, and 40 random bits collide now and then among millions of bookings.
 */
async function freshReferences(trx: Executor, departmentCode: string, count: number): Promise<string[]> {
  const chosen = new Set<string>();
  while (chosen.size < count) {
    const candidates = new Set<string>();
    while (candidates.size < count - chosen.size) {
      const reference = newReference(departmentCode);
      if (!chosen.has(reference)) candidates.add(reference);
    }
    const taken = await takenReferences(trx, [...candidates]);
    for (const reference of candidates) if (!taken.has(reference)) chosen.add(reference);
  }
  return [...chosen];
}
