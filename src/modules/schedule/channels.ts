import type { Channel } from '../../db/schema.ts';

// How an offer is applied for (PRODUCT §3). Queries do not test the channel themselves: the first-come
// condition is written once, in `firstComeOffers` / `firstComeSlots` (offers.repository.ts), so that a
// draw offer's seats can never reach the public pool through a read that forgot it.

/** The channel of first-come booking, the only one whose slots anyone may book online. */
export const FIRST_COME_CHANNEL = 'booking' satisfies Channel;

/** The channel of draws (PRODUCT §5): requests collected over a window, seats allocated by a draw. */
export const DRAW_CHANNEL = 'draw' satisfies Channel;

/** For presentation code: whether an offer's seats are allocated by a draw, through requests. */
export function isDraw(channel: Channel): boolean {
  return channel === DRAW_CHANNEL;
}

/** The channels that publish no slots and give instructions instead: post, email, counter, other site. */
export const INSTRUCTION_CHANNELS = [
  'postal',
  'email',
  'walk_in',
  'external',
] as const satisfies readonly Channel[];

/** For presentation code: whether an offer is booked first-come through the journey. */
export function isFirstCome(channel: Channel): boolean {
  return channel === FIRST_COME_CHANNEL;
}
