import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError, invalid } from '../../errors.ts';
import { bookingErrors } from '../booking/booking.errors.ts';
import {
  confirmPending,
  findBookingDetails,
  findSlotForBooking,
  insertBooking,
} from '../booking/booking.repository.ts';
import { constraintOf, issueManageToken } from '../booking/booking.usecases.ts';
import { endHeldSeat } from '../booking/cool-down.repository.ts';
import { scheduleReminder } from '../booking/reminders.ts';
import { hashToken, looksLikeToken, newReference } from '../booking/tokens.ts';
import { notify } from '../notify/notify.ts';
import { formatInZone } from '../schedule/timezone.ts';
import {
  findPass,
  findRevokedApplicant,
  type Pass,
  slotsForPass,
  usePass,
} from './priority-pass.repository.ts';

// Booking again with the priority pass of a revoked first-come appointment (decision 0038): the link
// proves the address, so the new booking is confirmed at once, with its convocation.

export interface PriorityDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'secretKey' | 'holdMinutes'>;
  wakeOutbox?: () => void;
}

const passErrors = {
  used: () => new AppError(409, 'pass_used', 'Ce lien a déjà servi à reprendre un rendez-vous.'),
  expired: () =>
    new AppError(
      410,
      'pass_expired',
      'La période de priorité est terminée : prenez rendez-vous comme tout le monde.',
    ),
  slot: () =>
    invalid([
      { field: 'slotId', code: 'not_offered', message: 'Ce créneau ne fait pas partie de ceux proposés.' },
    ]),
};

/** The pass a token opens, refused when it is unknown, used or over. */
async function openPass(
  deps: Pick<PriorityDeps, 'db' | 'clock'>,
  token: unknown,
  lock = false,
  db = deps.db,
) {
  if (typeof token !== 'string' || !looksLikeToken(token)) throw bookingErrors.tokenInvalid();
  const pass = await findPass(db, hashToken(token), { lock });
  if (!pass) throw bookingErrors.tokenInvalid();
  if (pass.usedAt) throw passErrors.used();
  if (pass.expiresAt <= deps.clock.now()) throw passErrors.expired();
  return pass;
}

/** What the pass's page and GET show: until when it lasts, and the slots it may take. */
export async function priorityChoices(deps: Pick<PriorityDeps, 'db' | 'clock'>, token: unknown) {
  const pass = await openPass(deps, token);
  const slots = await slotsForPass(deps.db, pass, deps.clock.now());
  return {
    pass,
    expiresAt: pass.expiresAt,
    timezone: pass.timezone,
    slots: slots.map((slot) => ({
      id: Number(slot.id),
      start: formatInZone(slot.startsAt, slot.timezone),
      end: formatInZone(slot.endsAt, slot.timezone),
      site: slot.siteName,
      remaining: Number(slot.remaining),
      held: Boolean(slot.held),
    })),
  };
}

/**
 * Books `slotId` with the pass, in one transaction: the seat held for the pass goes back to its slot
 * (so the person may take it), the booking is inserted and confirmed (the trigger refuses a full
 * slot, which rolls everything back and keeps the seat held), the pass is used, the convocation and
 * the reminder are recorded.
 */
export async function rebookWithPass(
  deps: PriorityDeps,
  input: { token: unknown; slotId: unknown; networkKey?: Buffer | null },
) {
  const { db, clock, config } = deps;
  const now = clock.now();
  if (typeof input.slotId !== 'number' || !Number.isInteger(input.slotId) || input.slotId < 1)
    throw passErrors.slot();
  const slotId = input.slotId;
  try {
    const booked = await db.transaction().execute(async (trx) => {
      const pass = await openPass(deps, input.token, true, trx);
      const slot = await findSlotForBooking(trx, slotId);
      if (!slot || !fits(slot, pass) || slot.startsAt <= now) throw passErrors.slot();
      if (pass.heldSeatId) await endHeldSeat(trx, pass.heldSeatId, 'returned', now);
      const applicant = await findRevokedApplicant(trx, pass.bookingId);
      const reference = newReference(slot.departmentCode);
      const id = await insertBooking(trx, {
        reference,
        slotId: slot.slotId,
        procedureId: slot.procedureId,
        ...applicant,
        holdExpiresAt: new Date(now.getTime() + config.holdMinutes * 60_000),
        // The person's own act, from their network: the review may group it again.
        networkKey: input.networkKey ?? null,
      });
      await confirmPending(trx, id, now);
      if (!(await usePass(trx, pass.id, id, now))) throw passErrors.used();
      const details = await findBookingDetails(trx, { id });
      if (!details) throw bookingErrors.bookingNotFound();
      const manage = await issueManageToken(trx, id, details.endsAt);
      await notify(
        trx,
        {
          event: 'booking.confirmed',
          bookingId: id,
          locale: details.locale,
          dueAt: now,
          tokens: { manage },
          channels: ['email', 'sms'],
        },
        config,
      );
      await scheduleReminder(trx, details, manage, now, config);
      return { reference, status: 'confirmed' as const, manageToken: manage };
    });
    deps.wakeOutbox?.();
    return booked;
  } catch (error) {
    throw refusal(error);
  }
}

function fits(slot: { procedureId: number; departmentCode: string }, pass: Pass): boolean {
  return slot.procedureId === pass.procedureId && slot.departmentCode === pass.departmentCode;
}

function refusal(error: unknown): unknown {
  switch (constraintOf(error)) {
    case 'slot_taken_within_capacity':
      return bookingErrors.slotFull();
    case 'booking_one_active_per_identity':
      return bookingErrors.alreadyBooked();
    case 'booking_email_limit':
      return new AppError(
        409,
        'email_limit',
        'Cette adresse électronique a déjà le maximum de rendez-vous en cours.',
      );
    default:
      return error;
  }
}
