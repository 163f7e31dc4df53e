import type { Channel } from '../../db/schema.ts';
import type { OfferFields } from './offers.repository.ts';
import type { FieldCheck } from './offices.fields.ts';

// What makes an offer's channel and instructions valid, for the form and the admin API alike: each
// channel other than booking and draw needs what applicants cannot do without (seeds/002).

export const CHANNELS: readonly Channel[] = ['booking', 'draw', 'postal', 'email', 'walk_in', 'external'];

/** An offer's channel and instructions as sent. */
export interface OfferInput {
  channel: string;
  instructions?: string | null;
  contactEmail?: string | null;
  url?: string | null;
  postalAddress?: string | null;
}

/** A new offer: which procedure, at which site, and how. */
export interface NewOfferInput extends OfferInput {
  siteId: number;
  procedureId: number;
}

function isChannel(channel: string): channel is Channel {
  return (CHANNELS as readonly string[]).includes(channel);
}

/** The offer's fields checked and normalised; every problem is recorded in `check`. */
export function checkOffer(input: OfferInput, check: FieldCheck): OfferFields {
  const channel = isChannel(input.channel) ? input.channel : check.fail('channel', 'not_allowed');
  const fields: OfferFields = {
    channel: channel ?? 'booking',
    instructions: check.text('instructions', input.instructions, { max: 4000 }) ?? '',
    contactEmail: check.email('contactEmail', input.contactEmail),
    url: check.url('url', input.url, channel === 'external'),
    postalAddress: check.text('postalAddress', input.postalAddress, { max: 500 }),
  };
  const given = (name: keyof OfferInput) => (input[name] ?? '').toString().trim() !== '';
  if (channel === 'email' && !given('contactEmail')) check.fail('contactEmail', 'channel_needs_email');
  if (channel === 'external' && !given('url')) check.fail('url', 'channel_needs_url');
  if (channel === 'postal' && !given('postalAddress'))
    check.fail('postalAddress', 'channel_needs_postal_address');
  return fields;
}
