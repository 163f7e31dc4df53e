import type { Locale } from '../../db/schema.ts';

/**
 * Every event a notification can report, with what its row references and carries. A new event is a
 * line here and a notifier in `notifiers/`; the schema only checks the name's shape (no migration).
 * `tokens` are the raw tokens its links need, sealed in the row until it is sent; `params` are the
 * values the notifier needs beyond current data (JSON).
 */
export interface EventInputs {
  /** A pending booking waits for the applicant to confirm it from the emailed link. */
  'booking.confirm_requested': { bookingId: string; tokens: { confirm: string; manage: string } };
  /** The booking is confirmed: the convocation goes with the email. */
  'booking.confirmed': { bookingId: string; tokens: { manage: string } };
  /** The applicant cancelled the booking. */
  'booking.cancelled': { bookingId: string };
  /** Two days before a confirmed appointment at `slotId` (a later move writes its own reminder). */
  'booking.reminder': { bookingId: string; tokens: { manage: string }; params: { slotId: string } };
  /** The booking moved to another slot; `slotId` is where it moved, so that a later move supersedes it. */
  'booking.rescheduled': { bookingId: string; tokens: { manage: string }; params: { slotId: string } };
  /** A held seat is offered to the holder of a booking on the earlier-slot list; `offerId` is the offer. */
  'booking.earlier_offered': { bookingId: string; tokens: { offer: string }; params: { offerId: string } };
  /**
   * The office revoked the booking (its reason on the booking): a first-come booking's link rebooks
   * first until `priorityUntil` (ISO 8601); a draw booking's opens the tier-0 request `label`.
   */
  'booking.revoked': {
    bookingId: string;
    tokens: { priority?: string; request?: string };
    params: { priorityUntil?: string; label?: string };
  };
  /** Someone asked for a link to every booking of an address (lower case): decided at send time. */
  'manage.link_requested': { emailKey: string; tokens: { access: string } };
  /** An agent's account was locked after repeated failed sign-ins, until `lockedUntil` (ISO 8601). */
  'agent.locked': { agentId: number; params: { lockedUntil: string } };
  /** A request for a draw was recorded, or (`updated`) its choices changed: its label and its link. */
  'request.submitted': { requestId: string; tokens: { manage: string }; params: { updated: boolean } };
  /** The person withdrew their request. */
  'request.withdrawn': { requestId: string };
  /** The office closed the waiting request (its reason on the request, migration 0030). */
  'request.closed': { requestId: string };
  /** A request for the identity of this live request was sent online from another address: not applied. */
  'request.claimed': { requestId: string };
  /** What the address typed in that submission receives (lower case): the request exists elsewhere. */
  'request.identity_in_use': { emailKey: string };
  /** A draw gave the request a pending booking, to confirm from the emailed link before its hold ends. */
  'draw.won': {
    bookingId: string;
    requestId: string;
    tokens: { confirm: string; manage: string };
    params: { drawId: number; label: string };
  };
  /** A draw gave the request no seat: it stays in the queue with `lost` draws lost. */
  'draw.lost': { requestId: string; params: { drawId: number; lost: number } };
  /** A permit is ready at its office (migration 0023): its holder is told once, with its reference. */
  'permit.ready': { params: { permitId: string } };
}

export type EventName = keyof EventInputs;

/** The raw tokens of an event's links, by name. */
export type TokensOf<E extends EventName> = EventInputs[E] extends { tokens: infer T }
  ? T
  : Record<never, string>;

/** The parameters an event's row carries. */
export type ParamsOf<E extends EventName> = EventInputs[E] extends { params: infer P }
  ? P
  : Record<never, never>;

/** Where a notification goes; the email worker claims email rows only, an SMS sender will claim the rest. */
export type Channel = 'email' | 'sms';

/** What a use case records: the event, its references, and the language to write in. */
export type Notification = {
  [E in EventName]: {
    event: E;
    /** The language of the message: the booking's, or the page's it was asked from. */
    locale: Locale;
    /** When to send it; by default at once (the database's now()). */
    dueAt?: Date;
    /** One row per channel; email only until the SMS adapter comes. */
    channels?: readonly Channel[];
  } & EventInputs[E];
}[EventName];
