// The raw tokens a notification's links carry, kept between the change that issued them and the
// send that writes them into the message (decision 0017).
//
// The database keeps only the SHA-256 of a token (decision 0005), so the worker cannot rebuild a link
// from it; the notification row keeps the raw tokens sealed with AES-256-GCM instead, under a key
// derived from SECRET_KEY with HKDF. The database alone yields no usable link, a wrong key is refused
// loudly (the authentication tag fails) rather than producing a dead link, and the seal is erased as
// soon as the message is delivered, skipped or given up (a check constraint of migration 0009).
//
// Format: one version byte, the 12-byte IV, the ciphertext of the tokens as JSON, the 16-byte tag. The
// additional data binds a seal to its notification's event and references, so a seal copied onto
// another row (another booking, another event) does not open.

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Raw tokens by name (`confirm`, `manage`, `access`), as the links of one message need them. */
export type Tokens = Record<string, string>;

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Deriving is cheap but not free, and a server seals with one secret for its whole life.
const keys = new Map<string, Buffer>();

function keyFor(secretKey: string): Buffer {
  let key = keys.get(secretKey);
  if (key === undefined) {
    if (secretKey.length < 16) throw new RangeError('The secret key is too short to seal tokens');
    // Its own salt and info: the same SECRET_KEY signs convocations and challenges with unrelated keys.
    key = Buffer.from(hkdfSync('sha256', secretKey, 'creneau/notify', 'aes-256-gcm link tokens v1', 32));
    keys.set(secretKey, key);
  }
  return key;
}

/** Seals raw tokens for one notification; `context` names it (event and references). */
export function sealTokens(secretKey: string, tokens: Tokens, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
}

/** A seal that does not open: another key, another notification, or altered bytes. */
export class SealError extends Error {}

/** Opens what `sealTokens` sealed with the same key and context; throws SealError otherwise. */
export function openTokens(secretKey: string, sealed: Buffer, context: string): Tokens {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new SealError('the sealed tokens are malformed');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secretKey), iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  let text: string;
  try {
    text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // The message names no token and no key: it goes to the log and the attempt record.
    throw new SealError('the sealed tokens do not open with this SECRET_KEY');
  }
  return JSON.parse(text) as Tokens;
}
