import { AppError, conflict, notFound } from '../../errors.ts';

// The refusals of the agents' administration, each with a stable code (the API's `error.code`).

export const agentAdminErrors = {
  /** An agent the administrator's roles do not reach is answered as unknown: staff lists do not leak. */
  agentNotFound: () => notFound('agent_not_found', 'Aucun agent de votre périmètre ne porte ce numéro.'),
  emailTaken: () => conflict('email_taken', 'Un agent utilise déjà cette adresse électronique.'),
  grantExists: () => conflict('grant_exists', 'Cet agent a déjà ce rôle sur ce périmètre.'),
  grantNotFound: () => notFound('grant_not_found', "Cet agent n'a pas ce rôle sur ce périmètre."),
  lastGrant: () =>
    conflict(
      'last_grant',
      "C'est le dernier rôle de cet agent : désactivez son compte plutôt que de lui retirer tout rôle.",
    ),
  lastAdministrator: (departmentCode: string | undefined) =>
    conflict(
      'last_administrator',
      `Le département${departmentCode ? ` ${departmentCode}` : ''} doit garder au moins un administrateur actif : nommez-en un autre d'abord.`,
    ),
  noChange: () => new AppError(422, 'invalid', 'Indiquez au moins un champ à modifier.'),
};

/**
 * The refusal of the database's "a département keeps an administrator" trigger (migration 0011), raised
 * at commit, as the 409 the administrator reads; any other error unchanged.
 */
export function asLastAdministrator(error: unknown): unknown {
  const failure = error as { constraint?: string; message?: string };
  if (failure?.constraint !== 'department_keeps_administrator') return error;
  const code = /département (\S+) must keep/.exec(failure.message ?? '')?.[1];
  return agentAdminErrors.lastAdministrator(code);
}
