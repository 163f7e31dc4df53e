import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import type { AgentSessionTable } from '../../db/schema.ts';

// Agents' sessions live in PostgreSQL (any instance answers any request), by the SHA-256 of a random
// cookie value: the table holds nothing a thief could present. A session is rotated — a new row, the
// old one ended — whenever its stage changes, so a cookie seen before sign-in is worth nothing after.

export type SessionStage = AgentSessionTable['stage'];
export type SessionMethod = AgentSessionTable['method'];

export interface AgentSession {
  agentId: number;
  stage: SessionStage;
  method: SessionMethod;
  /** The counter the agent sits at, chosen on /agents/mon-guichet, and its office (both or neither). */
  counter: string | null;
  siteId: number | null;
  createdAt: Date;
}

/** The session cookie's name: `__Host-` (Secure, path /, no domain) in production. */
export function sessionCookieName(config: Config): string {
  return config.production ? '__Host-creneau-agent' : 'creneau-agent';
}

/** The cookie's attributes: HttpOnly, SameSite=Strict, Secure in production; a browser session. */
export function sessionCookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: config.production } as const;
}

const hashOf = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Opens a session and returns the cookie value that names it. */
export async function openSession(
  db: Executor,
  options: { agentId: number; stage: SessionStage; method: SessionMethod; now: Date; config: Config },
): Promise<string> {
  const value = randomBytes(32).toString('base64url');
  const { now, config } = options;
  // A half-signed-in session lasts only as long as the idle limit: the code must follow the password.
  const lifetimeMs =
    options.stage === 'complete'
      ? config.agentSessionMaxHours * 3_600_000
      : config.agentSessionIdleMinutes * 60_000;
  await db
    .insertInto('agent_session')
    .values({
      id_hash: hashOf(value),
      agent_id: options.agentId,
      stage: options.stage,
      method: options.method,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + lifetimeMs),
    })
    .execute();
  return value;
}

/**
 * The live session a cookie names, its last use moved to `now`; undefined when unknown, ended, past
 * its absolute expiry or idle for longer than AGENT_SESSION_IDLE_MINUTES (then it is ended too).
 */
export async function touchSession(
  db: Executor,
  value: string,
  now: Date,
  config: Config,
): Promise<AgentSession | undefined> {
  if (value.length < 20 || value.length > 100) return undefined;
  const idleSince = new Date(now.getTime() - config.agentSessionIdleMinutes * 60_000);
  const row = await db
    .updateTable('agent_session')
    .set({ last_seen_at: now })
    .where('id_hash', '=', hashOf(value))
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .returning([
      'agent_id as agentId',
      'stage',
      'method',
      'counter',
      'site_id as siteId',
      'created_at as createdAt',
    ])
    .executeTakeFirst();
  if (!row) await endSession(db, value, now);
  return row;
}

/** Sets (or, null, clears) the counter of the live session a cookie names: true if it was live. */
export async function setSessionCounter(
  db: Executor,
  value: string,
  seat: { siteId: number; counter: string } | null,
): Promise<boolean> {
  const result = await db
    .updateTable('agent_session')
    .set({ site_id: seat?.siteId ?? null, counter: seat?.counter ?? null })
    .where('id_hash', '=', hashOf(value))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends the session a cookie names (sign-out, rotation, idle expiry): true if it was live until now. */
export async function endSession(db: Executor, value: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('agent_session')
    .set({ ended_at: now })
    .where('id_hash', '=', hashOf(value))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every session of an agent ("sign out everywhere", deactivation, a new password). */
export async function endAllSessions(db: Executor, agentId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('agent_session')
    .set({ ended_at: now })
    .where('agent_id', '=', agentId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
