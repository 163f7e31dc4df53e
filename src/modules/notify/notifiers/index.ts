import type { EventName } from '../events.ts';
import type { Notifier, NotifierDeps, OutgoingEmail, OutgoingSms, Skip } from '../notifier.ts';
import type { ClaimedNotification } from '../outbox.repository.ts';
import { agentLocked } from './agent-locked.ts';
import { bookingCancelled } from './booking-cancelled.ts';
import { bookingConfirmRequested } from './booking-confirm-requested.ts';
import { bookingConfirmed } from './booking-confirmed.ts';
import { bookingEarlierOffered } from './booking-earlier-offered.ts';
import { bookingReminder } from './booking-reminder.ts';
import { bookingRescheduled } from './booking-rescheduled.ts';
import { bookingRevoked } from './booking-revoked.ts';
import { drawLost } from './draw-lost.ts';
import { drawWon } from './draw-won.ts';
import { manageLinkRequested } from './manage-link-requested.ts';
import { permitReady } from './permit-ready.ts';
import { requestClaimed, requestIdentityInUse } from './request-claimed.ts';
import { requestClosed } from './request-closed.ts';
import { requestSubmitted } from './request-submitted.ts';
import { requestWithdrawn } from './request-withdrawn.ts';

/** The notifier of every event: `tsc` refuses an event of events.ts without one. */
export const notifiers: { [E in EventName]: Notifier<E> } = {
  'booking.confirm_requested': bookingConfirmRequested,
  'booking.confirmed': bookingConfirmed,
  'booking.cancelled': bookingCancelled,
  'booking.rescheduled': bookingRescheduled,
  'booking.reminder': bookingReminder,
  'booking.earlier_offered': bookingEarlierOffered,
  'booking.revoked': bookingRevoked,
  'manage.link_requested': manageLinkRequested,
  'agent.locked': agentLocked,
  'request.submitted': requestSubmitted,
  'request.withdrawn': requestWithdrawn,
  'request.closed': requestClosed,
  'request.claimed': requestClaimed,
  'request.identity_in_use': requestIdentityInUse,
  'draw.won': drawWon,
  'draw.lost': drawLost,
  'permit.ready': permitReady,
};

/**
 * The email worker's `compose`: renders a claimed row with its event's notifier, from current data.
 * An event this instance does not know (written by a newer one during a rolling upgrade) is an error
 * like a failed send: the row is retried, and an instance that knows it will send it.
 */
export function composeEmail(deps: NotifierDeps) {
  return async (message: ClaimedNotification): Promise<OutgoingEmail | Skip> => {
    if (!Object.hasOwn(notifiers, message.event)) throw new Error(`no notifier for ${message.event}`);
    return notifiers[message.event as EventName].composeEmail(deps, message);
  };
}

/** The SMS worker's `compose`: the same, for SMS rows; an event without an SMS is skipped. */
export function composeSms(deps: NotifierDeps) {
  return async (message: ClaimedNotification): Promise<OutgoingSms | Skip> => {
    if (!Object.hasOwn(notifiers, message.event)) throw new Error(`no notifier for ${message.event}`);
    return notifiers[message.event as EventName].composeSms(deps, message);
  };
}
