import { conflict, invalid } from '../../errors.ts';

/** The errors of the pages after booking (consult, download, delete, move), each with a stable code. */
export const manageErrors = {
  notConfirmed: () =>
    conflict('not_confirmed', "La convocation n'est disponible que pour un rendez-vous confirmé."),
  notMovable: () =>
    conflict('not_movable', 'Ce rendez-vous ne peut plus être déplacé (annulé, expiré ou passé).'),
  slotNotOffered: () =>
    invalid([
      {
        field: 'slotId',
        code: 'not_offered',
        message: 'Cette plage ne convient pas pour ce rendez-vous : choisissez-en une autre.',
      },
    ]),
};
