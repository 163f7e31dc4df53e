import { createHmac } from 'node:crypto';
import type { Executor } from '../../db/database.ts';

// The audit log (PRODUCT §4.4): every agent action, written in the transaction of the change it
// records. The table refuses UPDATE, DELETE and TRUNCATE (migration 0011), except the retention's own
// two changes, which the trigger checks by age itself.

/** Who acts, as the log records it: the agent (null before anyone is signed in) and where from. */
export interface AuditActor {
  agentId: number | null;
  /** `addressHash` of the client address; null for an action with no client (the command line). */
  addressHash: string | null;
}

/** One entry: what was done to what, where the target is, and the values before and after. */
export interface AuditRecord {
  /** Dotted, lower case: `site.update`, `agent.sign_in_failed`, `opening_rules.replace`. */
  action: string;
  target: { type: string; id?: string | number | null };
  /** Where the target is, so that its département's administrators can read the entry. */
  place?: { departmentCode?: string | null; siteId?: number | null };
  before?: unknown;
  after?: unknown;
  /** The values name a person (an applicant's identity): erased after a year. */
  personal?: boolean;
}

/** The keyed hash of a client address kept in the log: the same address, the same hash; no address. */
export function addressHash(secretKey: string, address: string): string {
  return createHmac('sha256', `${secretKey}/audit-address`).update(address).digest('base64url').slice(0, 22);
}

const SECRET_NAMES = /password|secret|token|totp|recovery|code_hash|hash$/i;

/** A value with every secret-looking field removed, at any depth: secrets never reach the log. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_NAMES.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  );
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(withoutSecrets(value)));

/** Writes one entry, with `db` the transaction of the change it records. */
export async function recordAudit(
  db: Executor,
  actor: AuditActor,
  record: AuditRecord,
  at: Date,
): Promise<void> {
  await db
    .insertInto('audit_entry')
    .values({
      at,
      agent_id: actor.agentId,
      action: record.action,
      target_type: record.target.type,
      target_id:
        record.target.id === undefined || record.target.id === null ? null : String(record.target.id),
      department_code: record.place?.departmentCode ?? null,
      site_id: record.place?.siteId ?? null,
      before: json(record.before),
      after: json(record.after),
      address_hash: actor.addressHash,
      personal: record.personal ?? false,
    })
    .execute();
}
