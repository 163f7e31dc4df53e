import { AppError, conflict, invalid, notFound } from '../../errors.ts';

/** The errors of the booking lifecycle, each with a stable code and a French message. */
export const bookingErrors = {
  slotFull: () => conflict('slot_full', "Cette plage horaire vient d'être prise : choisissez-en une autre."),
  alreadyBooked: () =>
    conflict(
      'already_booked',
      'Cette personne a déjà un rendez-vous en cours pour cette démarche. Un seul rendez-vous par personne : annulez-le avant d’en prendre un autre.',
    ),
  emailLimit: (limit: number) =>
    conflict(
      'email_limit',
      `Cette adresse électronique a déjà ${limit} rendez-vous en cours : c'est le maximum.`,
    ),
  slotUnknown: () =>
    invalid([
      {
        field: 'slotId',
        code: 'not_found',
        message: "Cette plage horaire n'existe pas ou n'est plus proposée.",
      },
    ]),
  slotPast: () =>
    invalid([
      {
        field: 'slotId',
        code: 'past',
        message: 'Cette plage horaire est déjà passée : choisissez-en une autre.',
      },
    ]),
  captchaFailed: () =>
    new AppError(403, 'captcha_failed', 'Le contrôle de sécurité a échoué : recommencez-le.'),
  tokenInvalid: () =>
    notFound(
      'token_invalid',
      'Ce lien est invalide. Vérifiez qu’il est complet, ou demandez un nouveau lien.',
    ),
  tokenExpired: () => new AppError(410, 'token_expired', 'Ce lien a expiré. Demandez un nouveau lien.'),
  tokenUsed: () => conflict('token_used', 'Ce lien a déjà servi.'),
  holdExpired: () =>
    new AppError(
      410,
      'hold_expired',
      'Le délai de confirmation est dépassé : la plage a été libérée. Vous pouvez prendre un nouveau rendez-vous.',
    ),
  notPending: () =>
    conflict('not_pending', "Ce rendez-vous n'attend plus de confirmation (déjà confirmé ou annulé)."),
  bookingNotFound: () => notFound('booking_not_found', 'Rendez-vous introuvable.'),
  notCancellable: () =>
    conflict('not_cancellable', 'Ce rendez-vous ne peut plus être annulé (déjà annulé, expiré ou passé).'),
};
