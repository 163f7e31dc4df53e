import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.ts';

// Agents' API tokens (PRODUCT §7.1): 256 random bits shown once, stored as SHA-256, named, revocable,
// their last use recorded. A token carries exactly its agent's rights, read afresh at every request.

const PREFIX = 'crn_';
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** Creates a token for an agent and returns it in clear: the only time it is seen. */
export async function createApiToken(
  db: Executor,
  options: { agentId: number; name: string; now: Date },
): Promise<{ id: number; token: string }> {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('agent_api_token')
    .values({
      agent_id: options.agentId,
      name: options.name,
      token_hash: hashOf(token),
      created_at: options.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** The agent a live token belongs to (its last use moved to `now`), or undefined. */
export async function agentOfToken(db: Executor, token: string, now: Date): Promise<number | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 100) return undefined;
  const row = await db
    .updateTable('agent_api_token')
    .set({ last_used_at: now })
    .where('token_hash', '=', hashOf(token))
    .where('revoked_at', 'is', null)
    .returning('agent_id')
    .executeTakeFirst();
  return row?.agent_id;
}

/** Revokes one of an agent's tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(
  db: Executor,
  options: { agentId: number; tokenId: number; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('agent_api_token')
    .set({ revoked_at: options.now })
    .where('id', '=', options.tokenId)
    .where('agent_id', '=', options.agentId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An agent's tokens, newest first, without their secret. */
export async function listApiTokens(db: Executor, agentId: number) {
  return db
    .selectFrom('agent_api_token')
    .select([
      'id',
      'name',
      'created_at as createdAt',
      'last_used_at as lastUsedAt',
      'revoked_at as revokedAt',
    ])
    .where('agent_id', '=', agentId)
    .orderBy('id', 'desc')
    .execute();
}
