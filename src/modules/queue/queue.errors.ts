import { AppError } from '../../errors.ts';
import type { BookingStatus } from '../booking/statuses.ts';

// The counter loop's refusals: a stable code, a status, a French message; the pages show their own
// text for each code, in their language.

const STATUS_FR: Record<BookingStatus, string> = {
  pending: 'à confirmer',
  confirmed: 'confirmé',
  waiting: 'en attente',
  called: 'appelé',
  served: 'au guichet',
  missed: 'absent à l’appel',
  expired: 'expiré',
  cancelled: 'annulé par l’usager',
  revoked: 'annulé par le service',
  attended: 'reçu',
  no_show: 'absent',
};

export const queueErrors = {
  notFound: () =>
    new AppError(404, 'booking_not_found', 'Aucun rendez-vous ne porte cette référence dans vos services.'),
  /** The action does not start from the booking's status: the message and `status` name it. */
  wrongStatus: (status: BookingStatus) =>
    new AppError(
      409,
      'wrong_status',
      `Ce rendez-vous est « ${STATUS_FR[status]} » : cette action ne s’applique pas.`,
      undefined,
      { status },
    ),
  /** Called already (by another counter, or a moment ago): the message and `counter` name it. */
  alreadyCalled: (counter: string | null) =>
    new AppError(
      409,
      'already_called',
      `Cette personne est déjà appelée au ${counter ?? 'guichet'}.`,
      undefined,
      { counter },
    ),
  callLimit: (calls: number) =>
    new AppError(
      409,
      'call_limit',
      `Cette personne a été appelée ${calls} fois : indiquez-la absente à l’appel plutôt que de la rappeler.`,
      undefined,
      { calls },
    ),
  notEnoughCalls: () =>
    new AppError(
      409,
      'not_enough_calls',
      'Cette personne n’a pas encore été appelée autant de fois que le service le demande avant de la dire absente.',
    ),
  nothingToUndo: () =>
    new AppError(409, 'nothing_to_undo', 'Aucune action sur ce rendez-vous n’est à annuler.'),
  undoTooLate: () =>
    new AppError(409, 'undo_too_late', 'Le jour du rendez-vous est passé : ses actions ne s’annulent plus.'),
  notYet: () =>
    new AppError(409, 'not_yet', 'Le rendez-vous n’a pas encore eu lieu : il ne peut pas être dit absent.'),
  noneWaiting: () => new AppError(409, 'none_waiting', 'Personne n’attend d’être appelé.'),
  counterInvalid: () => {
    const message = 'Choisissez un des guichets du service.';
    return new AppError(422, 'invalid', 'Certains champs sont invalides : corrigez-les et réessayez.', [
      { field: 'counter', code: 'counter_unknown', message },
    ]);
  },
};
