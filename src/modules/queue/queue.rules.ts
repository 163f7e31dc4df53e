import type { CounterAction } from '../../db/schema.counter.ts';
import type { BookingStatus } from '../booking/statuses.ts';

// The counter loop's actions as data (decision 0041), pure: which statuses each starts from, where it
// leads, and how the loop's columns of a booking follow from its counter events. An undo restores
// what the remaining events give, so it takes back exactly what the undone step changed.

/** An agent's step in the loop, by its API name; the check-in is the reception's (checkin module). */
export type LoopAction = 'call' | 'recall' | 'serve' | 'finish' | 'miss' | 'requeue' | 'no_show';

export const LOOP_ACTIONS: readonly LoopAction[] = [
  'call',
  'recall',
  'serve',
  'finish',
  'miss',
  'requeue',
  'no_show',
];

/** Each action: the statuses it may start from and the status it leads to. */
export const ACTION_RULES: Readonly<
  Record<LoopAction, { from: readonly BookingStatus[]; to: BookingStatus }>
> = {
  /** To a counter: shown on the call screen. */
  call: { from: ['waiting'], to: 'called' },
  /** Once more to the same counter, up to the office's N calls. */
  recall: { from: ['called'], to: 'called' },
  /** The person came to the counter. */
  serve: { from: ['called'], to: 'served' },
  /** Served and done. */
  finish: { from: ['served'], to: 'attended' },
  /** Called N times without coming (the trigger counts the calls). */
  miss: { from: ['called'], to: 'missed' },
  /** Back in the queue: a missed person came back, or a call made by mistake. */
  requeue: { from: ['missed', 'called'], to: 'waiting' },
  /** Did not come, or left before being served. */
  no_show: { from: ['confirmed', 'waiting', 'missed'], to: 'no_show' },
};

/** The loop's columns of a booking. */
export interface LoopState {
  status: BookingStatus;
  checkedInAt: Date | null;
  calledAt: Date | null;
  callCount: number;
  counter: string | null;
  servedAt: Date | null;
  finishedAt: Date | null;
}

/** One counter event, as the fold reads it. */
export interface LoopEvent {
  id: string;
  action: CounterAction;
  at: Date;
  fromStatus: BookingStatus;
  toStatus: BookingStatus;
  counter: string | null;
  undoes: string | null;
}

/** A booking before any step of the loop: `status` with no time, call or counter. */
function initialState(status: BookingStatus): LoopState {
  return {
    status,
    checkedInAt: null,
    calledAt: null,
    callCount: 0,
    counter: null,
    servedAt: null,
    finishedAt: null,
  };
}

/** The state after one event. */
export function applyEvent(state: LoopState, event: LoopEvent): LoopState {
  const next = { ...state, status: event.toStatus };
  switch (event.action) {
    case 'check_in':
      return { ...next, checkedInAt: event.at };
    case 'call':
    case 'recall':
      return { ...next, calledAt: event.at, callCount: state.callCount + 1, counter: event.counter };
    case 'serve':
      return { ...next, servedAt: event.at };
    case 'finish':
      return { ...next, finishedAt: event.at };
    case 'requeue':
      // Back in the queue: the calls start again from none (the last one's time and counter stay).
      return { ...next, callCount: 0 };
    case 'close_day':
      return event.toStatus === 'attended' ? { ...next, finishedAt: event.at } : next;
    default:
      return next;
  }
}

/** The events still in force, in order: each undo removes the one it names. */
function effectiveEvents(events: readonly LoopEvent[]): LoopEvent[] {
  const undone = new Set(events.filter((e) => e.undoes !== null).map((e) => e.undoes));
  return events.filter((e) => e.action !== 'undo' && !undone.has(e.id));
}

/**
 * What undoing the last step in force gives: that event, and the state the others lead to (from the
 * status the first of them started in). Undefined when there is nothing to undo.
 */
export function undoOf(events: readonly LoopEvent[]): { undone: LoopEvent; state: LoopState } | undefined {
  const inForce = effectiveEvents(events);
  const undone = inForce.at(-1);
  if (!undone) return undefined;
  const rest = inForce.slice(0, -1);
  const start = initialState(rest[0]?.fromStatus ?? undone.fromStatus);
  return { undone, state: rest.reduce(applyEvent, start) };
}

// What the queue page (/agents/file) lists and its forms may ask for.

/** The statuses the page lists, in its sections' order. */
export const QUEUE_SECTIONS: readonly BookingStatus[] = [
  'waiting',
  'called',
  'served',
  'missed',
  'attended',
  'no_show',
];

/** What the page's forms may ask for. */
export const PAGE_ACTIONS = [
  'call',
  'recall',
  'serve',
  'finish',
  'miss',
  'requeue',
  'no_show',
  'undo',
] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number] | 'next';
export const ALL_PAGE_ACTIONS: readonly PageAction[] = [...PAGE_ACTIONS, 'next'];
