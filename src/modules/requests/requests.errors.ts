import { AppError, conflict, type FieldError, type FieldParams, notFound } from '../../errors.ts';

// The errors of requests, each with a stable code and a French message. The codes a booking also has
// (captcha_failed, already_booked, email_limit, token_invalid, token_expired) keep the booking's code,
// so that a client handles both the same way.

/** A refused field of a request's choices, with the French message the catalogs also make. */
export function choiceError(field: string, code: string, params?: FieldParams): FieldError {
  const message = CHOICE_MESSAGES[code] ?? 'Valeur refusée.';
  return { field, code, message, ...(params ? { params } : {}) };
}

const CHOICE_MESSAGES: Record<string, string> = {
  not_found: "Cette démarche n'existe pas.",
  not_offered: 'Ce lieu ne propose pas cette démarche par tirage au sort : choisissez-en un autre.',
  several_departments: 'Choisissez des lieux d’un seul département.',
  required: 'Choisissez au moins un lieu.',
  past: 'Cette date est déjà passée : choisissez aujourd’hui ou plus tard, ou laissez vide.',
  too_far: 'Cette date est trop lointaine : choisissez-en une dans l’année qui vient, ou laissez vide.',
  date_invalid: 'Cette date n’existe pas : vérifiez-la (JJ/MM/AAAA).',
  half_day_invalid: 'Choisissez des demi-journées parmi celles proposées.',
};

export const requestErrors = {
  alreadyBooked: () =>
    conflict(
      'already_booked',
      'Cette personne a déjà un rendez-vous en cours pour cette démarche. Un seul rendez-vous par personne : il n’y a pas de demande à faire.',
    ),
  emailLimit: (limit: number) =>
    conflict(
      'email_limit',
      `Cette adresse électronique a déjà ${limit} demandes en cours : c'est le maximum.`,
    ),
  tokenInvalid: () =>
    notFound('token_invalid', 'Ce lien est invalide. Vérifiez qu’il est complet, ou demandez de l’aide.'),
  tokenExpired: () =>
    new AppError(410, 'token_expired', 'Ce lien a expiré. Déposez une nouvelle demande pour en recevoir un.'),
  notWithdrawable: () =>
    conflict(
      'not_withdrawable',
      "Cette demande ne peut plus être retirée : elle n'est plus en attente (déjà retirée, gagnée ou close).",
    ),
  requestNotFound: () => notFound('request_not_found', 'Demande introuvable.'),
};
