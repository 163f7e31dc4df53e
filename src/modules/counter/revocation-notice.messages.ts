import type { Catalog } from '../web/i18n.ts';

// The texts of the notice a revoked person receives (email and SMS), in French, English and Arabic.

type When = { date: string; time: string };

const fr = {
  subject: (reference: string) => `Votre rendez-vous est annulé par la préfecture (réf. ${reference})`,
  intro: (p: When) => `La préfecture a dû annuler votre rendez-vous du ${p.date} à ${p.time}.`,
  reason: (reason: string) => `Motif : ${reason}`,
  priority: (p: When) =>
    `Vous êtes prioritaire pour reprendre un rendez-vous : jusqu’au ${p.date} à ${p.time} (heure locale), une place vous est réservée quand il en reste une (la vôtre, ou la première libre après une fermeture) et vous pouvez choisir un autre créneau avant les autres usagers.`,
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
    `You have priority to book again: until ${p.date} at ${p.time} (local time), a seat is kept for you while one is left (yours, or the first free one after a closure) and you may choose another slot before anyone else.`,
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

// Arabic SMS are UCS-2 (67 units a segment once split): short enough for three with a full link.
const ar: typeof fr = {
  subject: (reference) => `ألغت المحافظة موعدكم (المرجع ${reference})`,
  intro: (p) => `اضطرت المحافظة إلى إلغاء موعدكم المقرر يوم ${p.date} على الساعة ${p.time}.`,
  reason: (reason) => `السبب: ${reason}`,
  priority: (p) =>
    `لكم الأولوية في أخذ موعد جديد: حتى ${p.date} على الساعة ${p.time} (بالتوقيت المحلي)، يُحجز لكم مكان ما دام هناك مكان شاغر (مكانكم، أو أول مكان شاغر بعد الإغلاق) ويمكنكم اختيار وقت آخر قبل غيركم.`,
  priorityAction: 'أخذ موعد جديد بالأولوية',
  draw: (label) =>
    `لكم الأولوية في القرعة القادمة لهذا الإجراء: طلبكم رقم ${label} يأتي في المرتبة الأولى. ليس عليكم فعل أي شيء؛ ويمكنكم الاطلاع على طلبكم أو استكماله.`,
  drawAction: 'الاطلاع على طلبي',
  sorry: 'نعتذر إليكم عن هذا الإزعاج.',
  smsPriority: (p) =>
    `ألغت المحافظة موعدكم ${p.date} ${p.time} (${p.reference}). موعد جديد بالأولوية: ${p.link}`,
  smsDraw: (p) =>
    `ألغت المحافظة موعدكم ${p.date} ${p.time} (${p.reference}). لكم الأولوية في القرعة: ${p.link}`,
};

/** The revocation notice's texts, per language. */
export const revocationNoticeMessages: Catalog<typeof fr> = { fr, en, ar };
