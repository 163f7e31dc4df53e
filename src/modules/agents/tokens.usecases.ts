import type { Executor } from '../../db/database.ts';
import { invalid, notFound } from '../../errors.ts';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import { allGrantsOf } from './agent-admin.repository.ts';
import { type AdminDeps, placeOfGrants, type Via } from './agent-admin.usecases.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import type { Principal } from './permissions.ts';

// Each agent's own API tokens (PRODUCT §7.1), shared by "Mon compte" and /api/v1/admin/tokens: listed
// with their name, creation, last use and revocation; created (shown once) and revoked, each with its
// audit entry. A token carries exactly its agent's rights, so no permission is needed to hold one.

/** A token as its agent sees it: never its value, which is shown once at creation. */
export interface TokenView {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const tokenErrors = {
  notFound: () => notFound('token_not_found', "Vous n'avez pas de jeton actif portant ce numéro."),
};

/** The token's name as stored (trimmed, 1 to 100 characters), or a 422 naming `name`. */
export function checkTokenName(typed: string): string {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (name.length === 0) {
    throw invalid([{ field: 'name', code: 'required', message: 'Donnez un nom au jeton (son usage).' }]);
  }
  if (name.length > 100) {
    throw invalid([{ field: 'name', code: 'too_long', message: 'Au plus 100 caractère(s).' }]);
  }
  return name;
}

/** The principal's tokens, newest first. */
export function listOwnTokens(deps: AdminDeps, principal: Principal): Promise<TokenView[]> {
  return listApiTokens(deps.db, principal.agentId);
}

/** Creates a token for an agent and writes `token.create` (in the caller's transaction). */
export async function issueToken(
  trx: Executor,
  context: { actor: AuditActor; now: Date; via?: Via },
  token: { agentId: number; name: string },
): Promise<{ id: number; token: string }> {
  const created = await createApiToken(trx, { ...token, now: context.now });
  const place = placeOfGrants(await allGrantsOf(trx, token.agentId));
  const after = { agentId: token.agentId, name: token.name, ...(context.via ? { via: context.via } : {}) };
  const record = { action: 'token.create', target: { type: 'api_token', id: created.id }, place, after };
  await recordAudit(trx, context.actor, record, context.now);
  return created;
}

/** Creates one of the principal's tokens; its value is in this answer only. */
export async function createOwnToken(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  input: { name: string },
): Promise<TokenView & { token: string }> {
  const name = checkTokenName(input.name);
  const now = deps.clock.now();
  const created = await deps.db
    .transaction()
    .execute((trx) => issueToken(trx, { actor, now }, { agentId: principal.agentId, name }));
  return { id: created.id, name, token: created.token, createdAt: now, lastUsedAt: null, revokedAt: null };
}

/** Revokes one of the principal's live tokens; 404 for any other (another agent's, or revoked already). */
export async function revokeOwnToken(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  tokenId: number,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeApiToken(trx, { agentId: principal.agentId, tokenId, now })))
      throw tokenErrors.notFound();
    const place = placeOfGrants(principal.grants);
    const record = { action: 'token.revoke', target: { type: 'api_token', id: tokenId }, place };
    await recordAudit(trx, actor, { ...record, before: { revoked: false }, after: { revoked: true } }, now);
  });
}
