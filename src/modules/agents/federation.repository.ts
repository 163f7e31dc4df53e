import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.ts';

// What an authorization request through the federation must be answered with (migration 0016): kept
// by the SHA-256 of the flow cookie's value, so the table holds nothing a browser could present.

/** The values the answer to one authorization request is checked against. */
export interface FederationFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** How long a browser has to come back from the provider. */
export const FLOW_LIFETIME_MS = 10 * 60_000;

const hashOf = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Keeps a new flow under its cookie's value, and forgets the flows whose time is over. */
export async function insertFlow(
  db: Executor,
  cookie: string,
  flow: FederationFlow,
  now: Date,
): Promise<void> {
  await db.deleteFrom('agent_federation_flow').where('expires_at', '<=', now).execute();
  await db
    .insertInto('agent_federation_flow')
    .values({
      id_hash: hashOf(cookie),
      state: flow.state,
      nonce: flow.nonce,
      code_verifier: flow.codeVerifier,
      created_at: now,
      expires_at: new Date(now.getTime() + FLOW_LIFETIME_MS),
    })
    .execute();
}

/**
 * The flow a cookie names, removed in the same statement: of two requests with one cookie, one gets
 * it. Undefined when unknown, already taken or expired.
 */
export async function takeFlow(db: Executor, cookie: string, now: Date): Promise<FederationFlow | undefined> {
  if (cookie.length < 20 || cookie.length > 100) return undefined;
  return db
    .deleteFrom('agent_federation_flow')
    .where('id_hash', '=', hashOf(cookie))
    .where('expires_at', '>', now)
    .returning(['state', 'nonce', 'code_verifier as codeVerifier'])
    .executeTakeFirst();
}

/** The account an email names (stored lower case), active or not. */
export async function agentByEmail(
  db: Executor,
  email: string,
): Promise<{ id: number; active: boolean } | undefined> {
  return db
    .selectFrom('agent')
    .select(['id', 'active'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}
