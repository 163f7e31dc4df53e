import type { Executor } from '../../db/database.ts';

// The SQL of signing in: the account an email names, its second factor, its recovery codes. Each
// change that accepts a secret is one conditional UPDATE, so that two requests presenting the same
// code at the same moment cannot both succeed: the row lock makes the second re-read the condition.

/** What the password step needs of the account an email names. */
export interface SignInAccount {
  id: number;
  name: string;
  passwordHash: string | null;
  federationOnly: boolean;
  active: boolean;
}

/** The account of an email (lower case), whatever its state; undefined when there is none. */
export function findAccountByEmail(db: Executor, email: string): Promise<SignInAccount | undefined> {
  return db
    .selectFrom('agent')
    .select(['id', 'name', 'password_hash as passwordHash', 'federation_only as federationOnly', 'active'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** What the code step needs of an active agent: the sealed secret and where enrolment stands. */
export interface SecondFactor {
  id: number;
  email: string;
  sealedSecret: Buffer | null;
  enrolledAt: Date | null;
  lastStep: number | null;
}

/** The second factor of an active agent, or undefined. */
export async function findSecondFactor(db: Executor, agentId: number): Promise<SecondFactor | undefined> {
  const row = await db
    .selectFrom('agent')
    .select([
      'id',
      'email',
      'totp_secret as sealedSecret',
      'totp_enrolled_at as enrolledAt',
      'totp_last_step as lastStep',
    ])
    .where('id', '=', agentId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row && { ...row, lastStep: row.lastStep === null ? null : Number(row.lastStep) };
}

/** Gives a secret to an agent who has none and is not enrolled (an account made without one). */
export async function setTotpSecretIfMissing(db: Executor, agentId: number, sealed: Buffer): Promise<void> {
  await db
    .updateTable('agent')
    .set({ totp_secret: sealed })
    .where('id', '=', agentId)
    .where('totp_secret', 'is', null)
    .where('totp_enrolled_at', 'is', null)
    .execute();
}

/**
 * Records `step` as the agent's last accepted code — and, with `enrol`, the enrolment — only if it
 * is later than the last one (and the agent not yet enrolled, or already enrolled, as asked): true
 * when this request is the one that used the code.
 */
export async function acceptStep(
  db: Executor,
  options: { agentId: number; step: number; enrol: boolean; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('agent')
    .set({
      totp_last_step: String(options.step),
      ...(options.enrol ? { totp_enrolled_at: options.now } : {}),
    })
    .where('id', '=', options.agentId)
    .where('active', '=', true)
    .where('totp_enrolled_at', options.enrol ? 'is' : 'is not', null)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(options.step))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces an agent's recovery codes with new ones (SHA-256 of each). */
export async function replaceRecoveryCodes(db: Executor, agentId: number, hashes: Buffer[]): Promise<void> {
  await db.deleteFrom('agent_recovery_code').where('agent_id', '=', agentId).execute();
  await db
    .insertInto('agent_recovery_code')
    .values(hashes.map((hash) => ({ agent_id: agentId, code_hash: hash })))
    .execute();
}

/** Uses one of an agent's recovery codes: true the first time only. */
export async function useRecoveryCode(
  db: Executor,
  options: { agentId: number; hash: Buffer; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('agent_recovery_code')
    .set({ used_at: options.now })
    .where('agent_id', '=', options.agentId)
    .where('code_hash', '=', options.hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The recovery codes an agent has left. */
export async function recoveryCodesLeft(db: Executor, agentId: number): Promise<number> {
  const row = await db
    .selectFrom('agent_recovery_code')
    .select((eb) => eb.fn.countAll<string>().as('left'))
    .where('agent_id', '=', agentId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.left);
}

/** Where to write to an active agent (the lock's email), or undefined. */
export function findAgentContact(
  db: Executor,
  agentId: number,
): Promise<{ email: string; name: string } | undefined> {
  return db
    .selectFrom('agent')
    .select(['email', 'name'])
    .where('id', '=', agentId)
    .where('active', '=', true)
    .executeTakeFirst();
}
