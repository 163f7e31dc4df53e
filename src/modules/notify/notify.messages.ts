import type { Catalog } from '../web/i18n.ts';
import { notifyAr } from './notify-ar.messages.ts';

// The texts of every email, worded after the préfectures' own (seeds/000). French first; the English
// and Arabic objects (notify-ar.messages.ts) are typed as the French one's shape, so `tsc` refuses a
// missing translation.

/** Who an email greets. */
export interface Addressee {
  firstName: string;
  lastName: string;
}

const fr = {
  separator: ' : ',
  hello: (p: Addressee) => `Bonjour ${p.firstName} ${p.lastName},`,
  linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  footer: 'Ce courriel a été envoyé automatiquement : merci de ne pas y répondre.',
  labels: {
    nature: 'Nature',
    date: 'Date',
    time: 'Heure',
    duration: 'Durée',
    reference: 'Référence',
    place: 'Lieu',
    address: 'Adresse',
  },
  duration: (minutes: number) => `${minutes} mn`,
  manageAll: 'Annuler, consulter et gérer mes demandes de rendez-vous',
  manage: 'Gérer vos demandes de rendez-vous',
  confirmRequest: {
    subject: (reference: string) => `Confirmez votre demande de rendez-vous (réf. ${reference})`,
    remind:
      "N'oubliez pas de confirmer votre rendez-vous : tant qu'il n'est pas confirmé, il n'est pas enregistré.",
    action: 'Confirmer mon rendez-vous',
    how: "Ouvrez le lien ci-dessous, puis validez sur la page qui s'affiche.",
    held: (p: { date: string; time: string }) =>
      `La place est réservée pour vous jusqu'au ${p.date} à ${p.time} (heure locale). Sans confirmation d'ici là, elle sera libérée pour d'autres personnes.`,
    notYou:
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : sans confirmation, elle sera annulée automatiquement.",
  },
  confirmed: {
    subject: (reference: string) => `Votre rendez-vous est confirmé (réf. ${reference})`,
    intro: 'Nous vous confirmons que votre demande de rendez-vous a été enregistrée.',
    attached:
      'Vous trouverez ci-joint votre convocation (à imprimer ou à présenter sur votre téléphone) et le rendez-vous à ajouter à votre agenda.',
    cancelHint: 'Si vous ne pouvez pas venir, annulez votre rendez-vous pour libérer la place.',
  },
  /** SMS: short, GSM-7 once simplified (notify/sms/gsm7.ts), one or two segments with the link. */
  sms: {
    confirmed: (p: { date: string; time: string; site: string; reference: string; link: string }) =>
      `Rendez-vous confirmé le ${p.date} à ${p.time}, ${p.site}. Réf. ${p.reference}. Convocation : ${p.link}`,
    reminder: (p: { date: string; time: string; site: string; reference: string; link: string }) =>
      `Rappel : rendez-vous le ${p.date} à ${p.time}, ${p.site}. Réf. ${p.reference}. Annuler si vous ne venez pas : ${p.link}`,
    won: (p: { date: string; time: string; site: string; deadline: string; link: string }) =>
      `Tirage au sort : rendez-vous attribué le ${p.date} à ${p.time}, ${p.site}. Confirmez-le avant le ${p.deadline} : ${p.link}`,
  },
  reminder: {
    subject: (reference: string) => `Rappel : votre rendez-vous dans deux jours (réf. ${reference})`,
    intro: 'Nous vous rappelons votre rendez-vous à la préfecture :',
    cancelHint: 'Si vous ne pouvez pas venir, annulez-le pour que quelqu’un d’autre puisse avoir la place.',
  },
  cancelled: {
    subject: (reference: string) => `Confirmation d'annulation de rendez-vous (réf. ${reference})`,
    intro: (p: { date: string; time: string }) => `Votre rendez-vous du ${p.date} à ${p.time} a été annulé.`,
    again: 'Si vous avez encore besoin de ce rendez-vous, vous pouvez faire une nouvelle demande.',
  },
  rescheduled: {
    subject: (reference: string) => `Votre rendez-vous a été déplacé (réf. ${reference})`,
    intro:
      'Votre rendez-vous a bien été déplacé sur le nouveau créneau ci-dessous ; l’ancien créneau est libéré.',
    letter: 'Votre nouvelle convocation est jointe à ce courriel : l’ancienne n’est plus valable.',
  },
  earlierOffer: {
    subject: (reference: string) => `Un créneau plus tôt vous est proposé (réf. ${reference})`,
    intro:
      'Vous avez demandé à être prévenu(e) si un créneau plus tôt se libérait pour votre rendez-vous. Ce créneau vous est proposé :',
    current: (p: { date: string; time: string }) =>
      `Votre rendez-vous actuel du ${p.date} à ${p.time} reste valable tant que vous n’acceptez pas.`,
    until: (p: { date: string; time: string }) =>
      `Vous pouvez l’accepter jusqu’au ${p.date} à ${p.time} (heure locale). Ensuite, il sera proposé à une autre personne.`,
    action: 'Voir le créneau proposé',
    personal: 'Ce lien est personnel : ne le transmettez à personne.',
  },
  manageLink: {
    subject: 'Vos demandes de rendez-vous',
    hello: 'Bonjour,',
    intro: 'Voici le lien pour consulter, télécharger ou annuler vos demandes de rendez-vous.',
    personal: 'Ce lien est personnel : ne le transmettez à personne.',
    notYou: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
  },
  agentLocked: {
    subject: 'Votre compte Créneau a été verrouillé',
    hello: (name: string) => `Bonjour ${name},`,
    intro: (p: { date: string; time: string }) =>
      `Votre compte a été verrouillé après plusieurs tentatives de connexion infructueuses. Il sera de nouveau utilisable le ${p.date} à ${p.time} (heure de Paris).`,
    notYou:
      "Si ces tentatives ne viennent pas de vous, quelqu'un essaie peut-être d'accéder à votre compte : prévenez l'administrateur de votre département et, si vous le pouvez, changez votre mot de passe.",
  },
  draw: {
    wonSubject: (reference: string) => `Un rendez-vous vous est attribué : confirmez-le (réf. ${reference})`,
    won: (p: { drawId: number; label: string }) =>
      `Le tirage au sort n° ${p.drawId} vous a attribué le rendez-vous ci-dessous, pour votre demande n° ${p.label}.`,
    confirmBy: (p: { date: string; time: string }) =>
      `Confirmez-le avant le ${p.date} à ${p.time} (heure locale) : sans confirmation d'ici là, la place sera attribuée à une autre personne par un nouveau tirage.`,
    action: 'Confirmer mon rendez-vous',
    notYou:
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : sans confirmation, le rendez-vous sera libéré automatiquement.",
    lostSubject: (label: string) =>
      `Résultat du tirage au sort : votre demande reste dans la file (n° ${label})`,
    lost: (drawId: number) =>
      `Le tirage au sort n° ${drawId} a eu lieu : il n'a pas pu vous attribuer de rendez-vous parmi les places disponibles.`,
    queue: (lost: number) =>
      `Votre demande reste dans la file pour le prochain tirage, sans rien refaire. Elle compte désormais ${lost} tirage${lost > 1 ? 's' : ''} perdu${lost > 1 ? 's' : ''} : à urgence égale, elle passera avant les demandes qui en ont perdu moins.`,
    change:
      'Pour élargir vos choix (lieux, demi-journées, date) ou retirer votre demande, ouvrez le lien reçu lors de son enregistrement.',
  },
  request: {
    submittedSubject: (label: string) => `Votre demande de rendez-vous par tirage au sort (n° ${label})`,
    updatedSubject: (label: string) => `Votre demande de rendez-vous a été mise à jour (n° ${label})`,
    submitted:
      'Votre demande de rendez-vous est enregistrée. Les rendez-vous de cette démarche sont attribués par tirage au sort parmi les demandes reçues : l’ordre d’arrivée ne compte pas.',
    updated:
      'Les choix de votre demande de rendez-vous ont été mis à jour. Elle garde son numéro et son ancienneté.',
    notYou:
      "Si vous n'êtes pas à l'origine de cette modification, ouvrez votre demande avec le lien ci-dessous pour vérifier ses choix, ou retirez-la.",
    next: 'Vous n’avez rien d’autre à faire : si un rendez-vous vous est attribué, nous vous écrirons pour que vous le confirmiez. Sinon, votre demande reste dans la file pour le tirage suivant, sans la refaire.',
    receipt: 'Votre récépissé, signé et daté, est joint à ce courriel.',
    action: 'Consulter ou retirer ma demande',
    personal: 'Ce lien est personnel : ne le transmettez à personne.',
    withdrawnSubject: (label: string) => `Votre demande de rendez-vous est retirée (n° ${label})`,
    withdrawn: 'Votre demande de rendez-vous a bien été retirée : elle ne participera à aucun tirage.',
    again: 'Si vous avez de nouveau besoin d’un rendez-vous, vous pouvez faire une nouvelle demande.',
    claimedSubject: (label: string) => `Une demande a été envoyée pour votre identité (n° ${label})`,
    claimed:
      'Une demande de rendez-vous a été envoyée pour votre identité avec une autre adresse électronique. Votre demande n’a pas été modifiée et cette adresse n’a reçu ni son numéro ni son lien.',
    claimedNotYou:
      'Si c’était vous, modifiez votre demande avec le lien de vos courriels précédents. Sinon, vous n’avez rien à faire ; si cela se répète, signalez-le à la préfecture.',
    inUseSubject: 'Votre demande de rendez-vous par tirage au sort',
    inUse:
      'Nous avons reçu votre demande, mais une demande est déjà enregistrée pour cette identité avec une autre adresse électronique. Elle n’a pas été modifiée et la personne qui l’a faite en a été prévenue.',
    inUseNext:
      'Si cette demande est la vôtre, modifiez-la avec le lien reçu à l’autre adresse. Si vous n’avez plus accès à cette adresse, adressez-vous à la préfecture.',
    labels: {
      label: 'Numéro de demande',
      procedure: 'Démarche',
      offices: 'Lieux acceptés',
      halfDays: 'Demi-journées acceptées',
      earliest: 'À partir du',
      anyHalfDay: 'Toutes',
      anyDate: 'Dès que possible',
    },
  },
};

const en: typeof fr = {
  separator: ': ',
  hello: (p) => `Hello ${p.firstName} ${p.lastName},`,
  linkFallback: 'If the button does not work, copy this address into your browser:',
  footer: 'This email was sent automatically: please do not reply.',
  labels: {
    nature: 'Appointment',
    date: 'Date',
    time: 'Time',
    duration: 'Duration',
    reference: 'Reference',
    place: 'Office',
    address: 'Address',
  },
  duration: (minutes) => `${minutes} min`,
  manageAll: 'Cancel, view and manage my appointment requests',
  manage: 'Manage your appointment requests',
  confirmRequest: {
    subject: (reference) => `Confirm your appointment request (ref. ${reference})`,
    remind: 'Do not forget to confirm your appointment: until you confirm it, it is not booked.',
    action: 'Confirm my appointment',
    how: 'Open the link below, then confirm on the page that appears.',
    held: (p) =>
      `Your place is held until ${p.date} at ${p.time} (local time). If you do not confirm by then, it will be released for other people.`,
    notYou:
      'If you did not make this request, ignore this email: without confirmation it will be cancelled automatically.',
  },
  confirmed: {
    subject: (reference) => `Your appointment is confirmed (ref. ${reference})`,
    intro: 'We confirm that your appointment request has been recorded.',
    attached:
      'Your appointment letter (to print or show on your phone) and a calendar file are attached to this email.',
    cancelHint: 'If you cannot come, cancel your appointment so that someone else can have the place.',
  },
  sms: {
    confirmed: (p) =>
      `Appointment confirmed on ${p.date} at ${p.time}, ${p.site}. Ref. ${p.reference}. Letter: ${p.link}`,
    reminder: (p) =>
      `Reminder: appointment on ${p.date} at ${p.time}, ${p.site}. Ref. ${p.reference}. Cancel if you cannot come: ${p.link}`,
    won: (p) =>
      `Draw: you were given an appointment on ${p.date} at ${p.time}, ${p.site}. Confirm it before ${p.deadline}: ${p.link}`,
  },
  reminder: {
    subject: (reference) => `Reminder: your appointment in two days (ref. ${reference})`,
    intro: 'This is a reminder of your appointment at the préfecture:',
    cancelHint: 'If you cannot come, cancel it so that someone else can have the place.',
  },
  cancelled: {
    subject: (reference) => `Your appointment has been cancelled (ref. ${reference})`,
    intro: (p) => `Your appointment on ${p.date} at ${p.time} has been cancelled.`,
    again: 'If you still need this appointment, you can make a new request.',
  },
  rescheduled: {
    subject: (reference) => `Your appointment has been moved (ref. ${reference})`,
    intro: 'Your appointment has been moved to the new slot below; the previous slot has been released.',
    letter: 'Your new appointment letter is attached to this email: the previous one is no longer valid.',
  },
  earlierOffer: {
    subject: (reference) => `An earlier slot is offered to you (ref. ${reference})`,
    intro:
      'You asked to be told if an earlier slot became free for your appointment. This slot is offered to you:',
    current: (p) => `Your current appointment on ${p.date} at ${p.time} stands until you accept.`,
    until: (p) =>
      `You can accept it until ${p.date} at ${p.time} (local time). After that, it will be offered to someone else.`,
    action: 'See the slot offered',
    personal: 'This link is personal: do not share it with anyone.',
  },
  manageLink: {
    subject: 'Your appointment requests',
    hello: 'Hello,',
    intro: 'Here is the link to view, download or cancel your appointment requests.',
    personal: 'This link is personal: do not share it with anyone.',
    notYou: 'If you did not ask for it, ignore this email.',
  },
  agentLocked: {
    subject: 'Your Créneau account has been locked',
    hello: (name) => `Hello ${name},`,
    intro: (p) =>
      `Your account has been locked after several failed sign-in attempts. You can use it again on ${p.date} at ${p.time} (Paris time).`,
    notYou:
      'If these attempts were not yours, someone may be trying to get into your account: tell the administrator of your département and, if you can, change your password.',
  },
  draw: {
    wonSubject: (reference) => `You have been given an appointment: confirm it (ref. ${reference})`,
    won: (p) => `Draw no. ${p.drawId} has given you the appointment below, for your request no. ${p.label}.`,
    confirmBy: (p) =>
      `Confirm it before ${p.date} at ${p.time} (local time): without confirmation by then, the place will go to someone else in a new draw.`,
    action: 'Confirm my appointment',
    notYou:
      'If you did not make this request, ignore this email: without confirmation the appointment will be released automatically.',
    lostSubject: (label) => `Draw result: your request stays in the queue (no. ${label})`,
    lost: (drawId) =>
      `Draw no. ${drawId} has taken place: it could not give you an appointment among the places available.`,
    queue: (lost) =>
      `Your request stays in the queue for the next draw, with nothing to do. It now counts ${lost} lost draw${lost > 1 ? 's' : ''}: at equal urgency, it goes before requests that have lost fewer.`,
    change:
      'To widen your choices (offices, half-days, date) or withdraw your request, open the link you received when it was recorded.',
  },
  request: {
    submittedSubject: (label) => `Your request for an appointment by draw (no. ${label})`,
    updatedSubject: (label) => `Your appointment request has been updated (no. ${label})`,
    submitted:
      'Your appointment request is recorded. Appointments for this procedure are allocated by a draw among the requests received: the order of arrival does not count.',
    updated:
      'The choices of your appointment request have been updated. It keeps its number and its seniority.',
    notYou:
      'If you did not make this change, open your request with the link below to check its choices, or withdraw it.',
    next: 'There is nothing else to do: if you are given an appointment, we will write to you so that you confirm it. Otherwise your request stays in the queue for the next draw, without applying again.',
    receipt: 'Your signed and dated receipt is attached to this email.',
    action: 'View or withdraw my request',
    personal: 'This link is personal: do not share it with anyone.',
    withdrawnSubject: (label) => `Your appointment request has been withdrawn (no. ${label})`,
    withdrawn: 'Your appointment request has been withdrawn: it will take part in no draw.',
    again: 'If you need an appointment again, you can make a new request.',
    claimedSubject: (label) => `A request was sent for your identity (no. ${label})`,
    claimed:
      'An appointment request was sent for your identity from another email address. Your request was not changed, and that address received neither its number nor its link.',
    claimedNotYou:
      'If it was you, change your request with the link in our earlier emails. Otherwise there is nothing to do; if it happens again, tell the prefecture.',
    inUseSubject: 'Your request for an appointment by draw',
    inUse:
      'We received your request, but a request is already recorded for this identity with another email address. It was not changed, and the person who made it has been told.',
    inUseNext:
      'If that request is yours, change it with the link sent to the other address. If you no longer have access to that address, contact the prefecture.',
    labels: {
      label: 'Request number',
      procedure: 'Procedure',
      offices: 'Offices accepted',
      halfDays: 'Half-days accepted',
      earliest: 'From',
      anyHalfDay: 'Any',
      anyDate: 'As soon as possible',
    },
  },
};

/** The emails' texts, per language. */
export const notifyMessages: Catalog<typeof fr> = { fr, en, ar: notifyAr };

/** The emails' texts in one language. */
export type NotifyMessages = typeof fr;
