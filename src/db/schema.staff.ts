import type { ColumnType, Generated } from 'kysely';
import type { Id, Timestamp } from './schema.ts';

// The staff's tables (migrations 0011, 0016): agents, their grants, sessions, API tokens, the sign-in
// throttle, federation flows and the audit log. Part of `Database` in schema.ts.

/** A member of the préfecture's staff (migration 0011). */
export interface AgentTable {
  id: Generated<number>;
  email: string;
  name: string;
  /** Argon2id PHC string; null for a federation-only account. */
  password_hash: string | null;
  federation_only: Generated<boolean>;
  /** AES-GCM sealed with SECRET_KEY (notify/sealed-tokens.ts). */
  totp_secret: Buffer | null;
  totp_enrolled_at: Timestamp | null;
  /** The TOTP time step of the last accepted code, as a string (BIGINT). */
  totp_last_step: string | null;
  active: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AgentRecoveryCodeTable {
  agent_id: number;
  code_hash: Buffer;
  used_at: Timestamp | null;
}

export type RoleName = 'administrator' | 'site_manager' | 'agent' | 'viewer' | 'partner';
export type ScopeKind = 'national' | 'department' | 'site';

export interface RoleGrantTable {
  id: Generated<number>;
  agent_id: number;
  role: RoleName;
  scope_kind: ScopeKind;
  department_code: string | null;
  site_id: number | null;
}

export interface AgentSessionTable {
  id_hash: Buffer;
  agent_id: number;
  stage: 'password' | 'complete';
  method: 'password' | 'federation';
  /** The counter the agent sits at, chosen after sign-in (migration 0011), and its office (0028). */
  counter: string | null;
  site_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface AgentApiTokenTable {
  id: Generated<number>;
  agent_id: number;
  name: string;
  token_hash: Buffer;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

/** One agent action (modules/audit): append-only, enforced by a trigger (migration 0011). */
export interface AuditEntryTable {
  id: Generated<Id>;
  at: ColumnType<Date, Date | string | undefined, never>;
  agent_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  /** Where the target is; both null: national. */
  department_code: string | null;
  site_id: number | null;
  /** Written as JSON text, read parsed. */
  before: ColumnType<unknown, string | null | undefined, string | null>;
  after: ColumnType<unknown, string | null | undefined, string | null>;
  address_hash: string | null;
  personal: Generated<boolean>;
}

/** A pending sign-in through the identity federation (migration 0016): taken once, within 10 minutes. */
export interface AgentFederationFlowTable {
  /** SHA-256 of the flow cookie's value. */
  id_hash: Buffer;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}
