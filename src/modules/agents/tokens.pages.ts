import { AppError } from '../../errors.ts';
import type { AuditActor } from '../audit/audit.ts';
import { field } from '../web/forms.ts';
import type { Redirect } from '../web/web.plugin.ts';
import type { AdminDeps } from './agent-admin.usecases.ts';
import type { Principal } from './permissions.ts';
import {
  createOwnToken,
  listOwnTokens,
  revokeOwnToken,
  type TokenView,
  tokenErrors,
} from './tokens.usecases.ts';

// "Mon compte" as use cases: the agent's tokens, the creation form (the new token shown once in the
// answer to the POST, which is never cached), and the revoke buttons.

export interface AccountPage {
  principal: Principal;
  tokens: TokenView[];
  /** The token just created, shown once. */
  created?: TokenView & { token: string };
  revoked?: boolean;
  /** The name typed and why it was refused. */
  refused?: { name: string; code: 'required' | 'too_long' };
}

/** The account page, with the notice of a revocation. */
export async function accountPage(
  deps: AdminDeps,
  principal: Principal,
  query: unknown,
): Promise<AccountPage> {
  const revoked = field(query, 'fait', 20) === 'revoked';
  return { principal, tokens: await listOwnTokens(deps, principal), ...(revoked ? { revoked } : {}) };
}

/** The creation form: the page with the new token, or with the refused name. */
export async function submitNewToken(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  body: unknown,
): Promise<AccountPage> {
  const name = field(body, 'name', 1000);
  try {
    const created = await createOwnToken(deps, principal, actor, { name });
    return { principal, tokens: await listOwnTokens(deps, principal), created };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    const code = error.fields?.[0]?.code === 'too_long' ? 'too_long' : 'required';
    return { principal, tokens: await listOwnTokens(deps, principal), refused: { name, code } };
  }
}

/** A revoke button: back to the page with its notice; 404 for a token that is not the agent's. */
export async function submitRevokeToken(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  params: unknown,
): Promise<Redirect> {
  const text = field(params, 'id', 12);
  if (!/^[1-9][0-9]{0,8}$/.test(text)) throw tokenErrors.notFound();
  await revokeOwnToken(deps, principal, actor, Number(text));
  return { redirect: '/agents/compte?fait=revoked' };
}
