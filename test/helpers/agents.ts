import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import type { RoleName } from '../../src/db/schema.ts';
import { insertAgent } from '../../src/modules/agents/agents.repository.ts';
import { createApiToken } from '../../src/modules/agents/api-tokens.ts';
import { hashPassword } from '../../src/modules/agents/passwords.ts';
import type { Scope } from '../../src/modules/agents/permissions.ts';
import { openSession, sessionCookieName } from '../../src/modules/agents/sessions.ts';
import { newTotpSecret, sealTotpSecret } from '../../src/modules/agents/totp.ts';
import type { TestApp } from './app.ts';

let counter = 0;

export interface TestAgent {
  id: number;
  email: string;
  password: string;
  totpSecret: string;
}

/** Scopes as the command line writes them: 'national', a département code, or 'site:ID'. */
export function scope(text: string, siteDepartment = '74'): Scope {
  if (text === 'national') return { kind: 'national' };
  if (text.startsWith('site:'))
    return { kind: 'site', siteId: Number(text.slice(5)), departmentCode: siteDepartment };
  return { kind: 'department', departmentCode: text };
}

/**
 * An agent with a password and an (unenrolled) TOTP secret, and the given grants. The password hash
 * is real Argon2id: sign-in tests use it.
 */
export async function createAgent(
  db: Db,
  config: Config,
  options: {
    grants?: { role: RoleName; scope: Scope }[];
    email?: string;
    name?: string;
    password?: string;
    federationOnly?: boolean;
  } = {},
): Promise<TestAgent> {
  counter += 1;
  const email = options.email ?? `agent${counter}-${Math.random().toString(36).slice(2, 6)}@prefecture.test`;
  const password = options.password ?? `correct horse battery ${counter}`;
  const totpSecret = newTotpSecret();
  const id = await insertAgent(db, {
    email,
    name: options.name ?? `Agent ${counter}`,
    passwordHash: options.federationOnly ? null : await hashPassword(password),
    federationOnly: options.federationOnly ?? false,
    sealedTotpSecret: sealTotpSecret(config.secretKey, totpSecret),
    grants: options.grants ?? [],
  });
  return { id, email, password, totpSecret };
}

/** A `cookie` header for a signed-in (complete) session of the agent, opened directly. */
export async function signedInCookie(db: Db, config: Config, agentId: number, now: Date): Promise<string> {
  const value = await openSession(db, { agentId, stage: 'complete', method: 'password', now, config });
  return `${sessionCookieName(config)}=${value}`;
}

/** An `authorization` header with a new API token of the agent. */
export async function bearer(db: Db, agentId: number, now: Date): Promise<string> {
  const { token } = await createApiToken(db, { agentId, name: 'tests', now });
  return `Bearer ${token}`;
}

/** What a new agent's header is made with: the test application's database, config and clock. */
type AgentHost = Pick<TestApp, 'database' | 'config' | 'clock'>;

/** An `authorization` header of a new agent granted `role` over `where` (as `scope` reads it). */
export async function newAgentBearer(t: AgentHost, role: RoleName, where = '74'): Promise<string> {
  const agent = await createAgent(t.database.db, t.config, { grants: [{ role, scope: scope(where) }] });
  return bearer(t.database.db, agent.id, t.clock.now());
}

/** A signed-in `cookie` header of a new agent granted `role` over `where` (as `scope` reads it). */
export async function newAgentCookie(t: AgentHost, role: RoleName, where = '74'): Promise<string> {
  const agent = await createAgent(t.database.db, t.config, { grants: [{ role, scope: scope(where) }] });
  return signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
}
