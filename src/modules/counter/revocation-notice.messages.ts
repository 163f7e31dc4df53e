import type { Catalog } from '../web/i18n.ts';

// The texts of the notice a revoked person receives (email and SMS). French first; Arabic falls back
// to French, like the other emails.

type When = { date: string; time: string };

const fr = {
  subject: (reference: string) => `Votre rendez-vous est annulé par la préfecture (réf. ${reference})`,
  intro: (p: When) => `La préfecture a dû annuler votre rendez-vous du ${p.date} à ${p.time}.`,
  reason: (reason: string) => `Motif : ${reason}`,
  priority: (p: When) =>
    `Vous êtes prioritaire pour reprendre un rendez-vous : jusqu’au ${p.date} à ${p.time} (heure locale), la place libérée vous est réservée et vous pouvez choisir un autre créneau avant les autres usagers.`,
  priorityAction: 'Reprendre un rendez-vous en priorité',
  draw: (label: string) =>
    `Vous êtes prioritaire au prochain tirage au sort de cette démarche : votre demande n° ${label} y passe au premier rang. Vous n’avez rien à faire ; vous pouvez consulter ou compléter votre demande.`,
  drawAction: 'Voir ma demande',
  sorry: 'Nous vous prions de nous excuser pour ce désagrément.',
  smsPriority: (p: When & { reference: string; link: string }) =>
    `La préfecture a annulé votre RDV du ${p.date} à ${p.time} (réf. ${p.reference}). Reprenez un RDV en priorité : ${p.link}`,
  smsDraw: (p: When & { reference: string; link: string }) =>
    `La préfecture a annulé votre RDV du ${p.date} à ${p.time} (réf. ${p.reference}). Vous êtes prioritaire au prochain tirage : ${p.link}`,
};

const en: typeof fr = {
  subject: (reference) => `Your appointment has been cancelled by the préfecture (ref. ${reference})`,
  intro: (p) => `The préfecture had to cancel your appointment on ${p.date} at ${p.time}.`,
  reason: (reason) => `Reason: ${reason}`,
  priority: (p) =>
    `You have priority to book again: until ${p.date} at ${p.time} (local time), the freed seat is kept for you and you may choose another slot before anyone else.`,
  priorityAction: 'Book again with priority',
  draw: (label) =>
    `You have priority in the next draw for this procedure: your request no. ${label} comes first. There is nothing to do; you may view or complete your request.`,
  drawAction: 'View my request',
  sorry: 'We apologise for the inconvenience.',
  smsPriority: (p) =>
    `The préfecture cancelled your appointment on ${p.date} at ${p.time} (ref. ${p.reference}). Book again with priority: ${p.link}`,
  smsDraw: (p) =>
    `The préfecture cancelled your appointment on ${p.date} at ${p.time} (ref. ${p.reference}). You have priority in the next draw: ${p.link}`,
};

/** The revocation notice's texts, per language. */
export const revocationNoticeMessages: Catalog<typeof fr> = { fr, en };
