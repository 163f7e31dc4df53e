import type { Clock } from '../../clock.ts';
import type { Db, Executor } from '../../db/database.ts';
import { covers } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { constraintOf } from '../booking/booking.usecases.ts';
import { normaliseReference } from '../booking/tokens.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { addDays, localDate, zonedTimeToUtc } from '../schedule/timezone.ts';
import { queueErrors } from './queue.errors.ts';
import {
  findLoopBooking,
  insertLoopEvent,
  type LoopBooking,
  lockNextWaiting,
  loopEvents,
  saveLoopState,
} from './queue.repository.ts';
import { ACTION_RULES, applyEvent, type LoopAction, type LoopState, undoOf } from './queue.rules.ts';

// The counter loop's actions (PRODUCT §4.4, issue 10 point 2; decision 0041): each one transaction
// that locks the booking, decides with booking.check_in on its office, changes its status and loop
// columns, and writes its counter event and audit entry. The status table and the booking's trigger
// (migration 0025) refuse what the application might let through; their refusals become 409s.

/** What the loop's use cases need. */
export interface QueueDeps {
  db: Db;
  clock: Clock;
}

/** A booking's place in the loop after an action (the API's answer). */
export interface LoopAnswer extends LoopState {
  reference: string;
}

/** What an action is asked: the booking, the action, and for a call the counter it calls to. */
export type ActionInput = { reference: string } & (
  | { action: Exclude<LoopAction, 'call'> | 'undo' }
  | { action: 'call'; counter: string }
);

/** The instants where the office's local `date` begins and ends. */
export function dayBounds(date: string, timezone: string): { from: Date; to: Date } {
  return {
    from: zonedTimeToUtc(date, '00:00', timezone),
    to: zonedTimeToUtc(addDays(date, 1), '00:00', timezone),
  };
}

/** Runs one action on a booking of the agent's offices (404 outside them, 403 without the permission). */
export async function actOnBooking(deps: QueueDeps, acting: Acting, input: ActionInput): Promise<LoopAnswer> {
  const coverage = coverageFor(acting.principal, 'booking.check_in');
  return withTriggerErrors(() =>
    deps.db.transaction().execute(async (trx) => {
      const booking = await findLoopBooking(trx, normaliseReference(input.reference), true);
      if (
        !booking ||
        !covers(coverage, siteTarget({ id: booking.siteId, departmentCode: booking.departmentCode }))
      )
        throw queueErrors.notFound();
      const now = deps.clock.now();
      const state =
        input.action === 'undo'
          ? await undo(trx, acting, booking, now)
          : await step(
              trx,
              acting,
              booking,
              now,
              input.action,
              input.action === 'call' ? input.counter : null,
            );
      return { reference: booking.reference, ...state };
    }),
  );
}

/**
 * Calls the office's longest-waiting person of today to `counter`: each waiting person is taken by one
 * counter only, two counters calling at once get two people (409 `none_waiting` when nobody waits).
 */
export async function callNext(
  deps: QueueDeps,
  acting: Acting,
  input: { site: { id: number; departmentCode: string; timezone: string }; counter: string },
): Promise<LoopAnswer> {
  const coverage = coverageFor(acting.principal, 'booking.check_in');
  if (!covers(coverage, siteTarget(input.site))) throw queueErrors.notFound();
  return withTriggerErrors(() =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const bounds = dayBounds(localDate(now, input.site.timezone), input.site.timezone);
      const booking = await lockNextWaiting(trx, { siteId: input.site.id, ...bounds });
      if (!booking) throw queueErrors.noneWaiting();
      const state = await step(trx, acting, booking, now, 'call', input.counter);
      return { reference: booking.reference, ...state };
    }),
  );
}

function stateOf(booking: LoopBooking): LoopState {
  return {
    status: booking.status,
    checkedInAt: booking.checkedInAt,
    calledAt: booking.calledAt,
    callCount: booking.callCount,
    counter: booking.counter,
    servedAt: booking.servedAt,
    finishedAt: booking.finishedAt,
  };
}

/** Refuses an action its rules, the office or the day do not allow; the trigger has the last word. */
function ensureAllowedStep(
  booking: LoopBooking,
  action: LoopAction,
  counter: string | null,
  now: Date,
): void {
  if (action === 'call' && booking.status === 'called') throw queueErrors.alreadyCalled(booking.counter);
  if (!ACTION_RULES[action].from.includes(booking.status)) throw queueErrors.wrongStatus(booking.status);
  if (action === 'call' && (counter === null || !booking.counters.includes(counter)))
    throw queueErrors.counterInvalid();
  if (action === 'recall' && booking.callCount >= booking.callsBeforeMissed)
    throw queueErrors.callLimit(booking.callCount);
  if (
    action === 'no_show' &&
    localDate(booking.startsAt, booking.timezone) > localDate(now, booking.timezone)
  )
    throw queueErrors.notYet();
}

async function step(
  trx: Executor,
  acting: Acting,
  booking: LoopBooking,
  now: Date,
  action: LoopAction,
  calledTo: string | null,
): Promise<LoopState> {
  ensureAllowedStep(booking, action, calledTo, now);
  const counter = action === 'call' ? calledTo : action === 'recall' ? booking.counter : null;
  const before = stateOf(booking);
  const event = {
    bookingId: booking.id,
    siteId: booking.siteId,
    at: now,
    agentId: acting.actor.agentId,
    action,
    fromStatus: booking.status,
    toStatus: ACTION_RULES[action].to,
    counter,
  };
  const after = applyEvent(before, { ...event, id: '', undoes: null });
  await saveLoopState(trx, booking.id, after);
  await insertLoopEvent(trx, event);
  await audit(trx, acting, booking, now, `booking.${action}`, before, after);
  return after;
}

/** Takes back the last step in force, on the appointment's day only. */
async function undo(trx: Executor, acting: Acting, booking: LoopBooking, now: Date): Promise<LoopState> {
  const undoing = undoOf(await loopEvents(trx, booking.id));
  if (!undoing) throw queueErrors.nothingToUndo();
  if (localDate(booking.startsAt, booking.timezone) !== localDate(now, booking.timezone))
    throw queueErrors.undoTooLate();
  const before = stateOf(booking);
  await saveLoopState(trx, booking.id, undoing.state);
  await insertLoopEvent(trx, {
    bookingId: booking.id,
    siteId: booking.siteId,
    at: now,
    agentId: acting.actor.agentId,
    action: 'undo',
    fromStatus: booking.status,
    toStatus: undoing.state.status,
    counter: undoing.undone.counter,
    undoes: undoing.undone.id,
  });
  await audit(trx, acting, booking, now, 'booking.undo', before, {
    ...undoing.state,
    undoes: undoing.undone.action,
  });
  return undoing.state;
}

async function audit(
  trx: Executor,
  acting: Acting,
  booking: LoopBooking,
  now: Date,
  action: string,
  before: LoopState,
  after: object,
): Promise<void> {
  await recordAudit(
    trx,
    acting.actor,
    {
      action,
      target: { type: 'booking', id: booking.reference },
      place: { departmentCode: booking.departmentCode, siteId: booking.siteId },
      before,
      after,
    },
    now,
  );
}

/** The trigger's refusal of a miss before N calls, as the 409 the agent can act on. */
async function withTriggerErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (constraintOf(error) === 'booking_calls_before_missed') throw queueErrors.notEnoughCalls();
    throw error;
  }
}
