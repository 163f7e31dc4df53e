import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import type { Locale } from '../../db/schema.ts';
import { newToken } from '../booking/tokens.ts';
import { signReceipt } from '../convocation/receipt-token.ts';
import { notify } from '../notify/notify.ts';
import { newLabel } from './labels.ts';

// A request sent online for an identity whose live request was recorded with another address
// (decision 0033). PRODUCT §7 makes the answer 200, as for the person's own update; nothing else of it
// may tell the sender anything of that request — neither its label, nor its choices, nor its link —
// and the sender must not be able to change it. So the request is left as it is, its holder and the
// address typed each get an email, and the answer has the shape of an update's with values of its own.

// The placeholder receipt is signed with a key of this process only: it has the cost and the shape of
// a genuine one, and /verifier, which knows only the key derived from SECRET_KEY, refuses it.
const PLACEHOLDER_KEY = randomBytes(32).toString('base64url');

/** What an online submission for a request recorded with another address answers. */
export interface ClaimedAnswer {
  id: null;
  label: string;
  status: 'waiting';
  created: false;
  submittedAt: Date;
  receiptCode: string;
  receiptToken: string;
}

/**
 * Tells the holder and the address typed, in the submission's transaction. The same number of
 * statements as an update (its two tokens and its email), so that the time taken tells nothing.
 */
export async function notifyClaim(
  trx: Executor,
  input: { held: { id: string; locale: Locale }; emailKey: string; locale: Locale; now: Date },
  config: Pick<Config, 'secretKey'>,
): Promise<void> {
  const { held, emailKey, locale, now } = input;
  // The holder is written to in the request's own language, whatever the sender's.
  const claimed = { event: 'request.claimed' as const, requestId: held.id, locale: held.locale, dueAt: now };
  await notify(trx, claimed, config);
  await notify(trx, { event: 'request.identity_in_use', emailKey, locale, dueAt: now }, config);
}

/** The answer's placeholder values: a label never given, a receipt no key of the site signed, a dead link. */
export function claimedAnswer(
  choices: { procedureId: number; siteIds: number[]; halfDays: string[]; earliest: string | null },
  now: Date,
): ClaimedAnswer {
  const label = newLabel();
  const receiptCode = signReceipt(
    { label, ...choices, submittedAt: now.toISOString(), issuedAt: now.toISOString() },
    PLACEHOLDER_KEY,
  );
  return {
    id: null,
    label,
    status: 'waiting',
    created: false,
    submittedAt: now,
    receiptCode,
    receiptToken: newToken().token,
  };
}
