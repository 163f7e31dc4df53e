import { AppError } from '../../errors.ts';
import { formatDateTime } from '../web/i18n.ts';

// The check-in's and the identity correction's refusals: a stable code, a status, a French message
// (the page shows its own text for each code, in its language).

export const checkInErrors = {
  invalidQr: () => {
    const message =
      'Ce code n’est pas celui d’une convocation authentique : vérifiez la référence à la main.';
    return new AppError(422, 'invalid_qr', message, [{ field: 'qr', code: 'invalid_qr', message }]);
  },
  /** A genuine code for an office outside the agent's scope: nothing of the booking is told. */
  otherOffice: () =>
    new AppError(403, 'other_office', 'Cette convocation est celle d’un autre service que les vôtres.'),
  notFound: () =>
    new AppError(404, 'booking_not_found', 'Aucun rendez-vous ne porte cette référence dans vos services.'),
  outdated: () =>
    new AppError(
      409,
      'convocation_outdated',
      'Cette convocation n’est plus à jour : le rendez-vous a été déplacé. Saisissez sa référence pour voir le rendez-vous actuel.',
    ),
  revoked: () => new AppError(409, 'revoked', 'Ce rendez-vous a été annulé par le service.'),
  cancelled: () =>
    new AppError(409, 'cancelled', 'Ce rendez-vous a été annulé ou n’a pas été confirmé à temps.'),
  notConfirmed: () =>
    new AppError(409, 'not_confirmed', 'Ce rendez-vous n’a pas encore été confirmé par la personne.'),
  alreadyDone: () => new AppError(409, 'already_done', 'Ce rendez-vous est déjà terminé.'),
  /** Another day than the appointment's, in the office's time zone: the message names the day. */
  wrongDay: (startsAt: Date, timezone: string, date: string) =>
    new AppError(
      409,
      'wrong_day',
      `Ce rendez-vous est prévu le ${formatDateTime(startsAt, timezone, 'fr', { date: 'full' })}, pas aujourd'hui.`,
      undefined,
      { date },
    ),
};

export const correctionErrors = {
  identityTaken: () =>
    new AppError(
      409,
      'identity_taken',
      'Une autre réservation active porte déjà cette identité pour cette démarche : la correction est refusée.',
    ),
  notCorrectable: () =>
    new AppError(
      409,
      'not_correctable',
      'Ce rendez-vous est terminé ou annulé : son identité ne se corrige plus.',
    ),
};
