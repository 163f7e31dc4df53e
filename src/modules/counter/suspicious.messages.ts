import type { Catalog } from '../web/i18n.ts';

// The texts of the back office's suspicious-bookings review.

const fr = {
  title: 'Réservations suspectes',
  intro:
    'Rendez-vous à venir qui partagent une adresse électronique (variantes comprises), un téléphone, ou des noms presque identiques. Cochez ceux à annuler et indiquez le motif : chaque personne est prévenue une fois.',
  none: 'Aucun groupe de réservations suspectes dans votre périmètre.',
  reasons: { email: 'Même adresse électronique', phone: 'Même téléphone', name: 'Noms presque identiques' },
  group: (reason: string, count: number) => `${reason} — ${count} rendez-vous`,
  columns: { pick: 'Annuler', reference: 'Référence', when: 'Date et heure', person: 'Personne' },
  pick: (reference: string) => `Annuler le rendez-vous ${reference}`,
  reason: 'Motif (communiqué aux personnes)',
  submit: 'Annuler les rendez-vous cochés',
  done: (count: number) => `${count} rendez-vous annulés ; chaque personne est prévenue.`,
  labels: { references: 'Rendez-vous', reason: 'Motif' } as Record<string, string>,
};

const en: typeof fr = {
  title: 'Suspicious bookings',
  intro:
    'Upcoming appointments sharing an email address (variants included), a phone, or near-identical names. Tick those to cancel and give the reason: each person is told once.',
  none: 'No group of suspicious bookings in your scope.',
  reasons: { email: 'Same email address', phone: 'Same phone', name: 'Near-identical names' },
  group: (reason, count) => `${reason} — ${count} appointments`,
  columns: { pick: 'Cancel', reference: 'Reference', when: 'Date and time', person: 'Person' },
  pick: (reference) => `Cancel appointment ${reference}`,
  reason: 'Reason (sent to the persons)',
  submit: 'Cancel the ticked appointments',
  done: (count) => `${count} appointments cancelled; each person is told.`,
  labels: { references: 'Appointments', reason: 'Reason' },
};

/** The review page's texts, per language. */
export const suspiciousMessages: Catalog<typeof fr> = { fr, en };
