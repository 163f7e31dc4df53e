import { AppError, conflict } from '../../errors.ts';

/** The errors of the earlier-slot list and its offers, each with a stable code and a French message. */
export const earlierErrors = {
  notConfirmed: () =>
    conflict(
      'earlier_not_confirmed',
      'Seul un rendez-vous confirmé et à venir peut être inscrit sur la liste des créneaux plus tôt.',
    ),
  offerExpired: () =>
    new AppError(
      410,
      'offer_expired',
      "Le délai pour accepter ce créneau est dépassé : il a été proposé à quelqu'un d'autre.",
    ),
  offerAnswered: () => conflict('offer_answered', 'Vous avez déjà répondu à cette proposition.'),
  offerUnsuitable: () =>
    conflict(
      'offer_unsuitable',
      'Ce créneau ne peut plus remplacer votre rendez-vous (annulé, déplacé ou déjà plus tôt).',
    ),
  offerGone: () => conflict('offer_gone', "Ce créneau n'est plus disponible."),
};
