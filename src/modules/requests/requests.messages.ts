import type { FieldError } from '../../errors.ts';
import { fieldMessage } from '../booking/applicant.messages.ts';
import type { Catalog } from '../web/i18n.ts';
import { requestsAr } from './requests-ar.messages.ts';

// The texts of the request journey (PRODUCT §4.3 for a draw) and of the request's page behind its
// emailed link. French first; the English object is typed as the French one's shape.

const fr = {
  steps: [
    'Descriptif',
    'Choix des lieux et des horaires',
    'Contrôle de sécurité',
    'Coordonnées personnelles',
    'Valider et terminer',
  ],
  // Step 2
  choicesIntro:
    'Les rendez-vous de cette démarche sont attribués par tirage au sort parmi les demandes reçues. Indiquez tous les lieux et toutes les demi-journées où vous pouvez venir : plus vous en acceptez, plus vous avez de chances d’obtenir un rendez-vous tôt.',
  noRace:
    'L’ordre d’arrivée ne compte pas : une demande faite à la dernière minute a la même chance qu’une demande faite à l’ouverture.',
  offices: 'Lieux où vous pouvez vous rendre',
  officesHint: 'Cochez au moins un lieu.',
  halfDays: 'Demi-journées qui vous conviennent',
  halfDaysHint:
    'Laissez tout décoché si toutes vous conviennent. Matin : avant 12 h ; après-midi : à partir de 12 h.',
  earliest: 'À partir de quelle date pouvez-vous venir ?',
  earliestHint:
    'Facultatif. Format attendu : JJ/MM/AAAA. Laissez vide si vous pouvez venir dès que possible.',
  choiceErrors: {
    required: 'Cochez au moins un lieu.',
    not_offered:
      'Un des lieux choisis ne propose plus cette démarche par tirage au sort : vérifiez votre choix.',
    several_departments: 'Choisissez des lieux d’un seul département.',
    not_found: "Cette démarche n'existe pas.",
    past: 'Cette date est déjà passée : choisissez aujourd’hui ou plus tard, ou laissez vide.',
    too_far: 'Cette date est trop lointaine : choisissez-en une dans l’année qui vient, ou laissez vide.',
    date_invalid: 'Cette date n’existe pas : vérifiez-la (JJ/MM/AAAA).',
    half_day_invalid: 'Choisissez des demi-journées parmi celles proposées.',
  } as Record<string, string>,
  choiceLabels: {
    siteIds: 'Lieux où vous pouvez vous rendre',
    halfDays: 'Demi-journées qui vous conviennent',
    earliest: 'À partir de quelle date pouvez-vous venir ?',
    procedureId: 'Démarche',
  } as Record<string, string>,
  fieldError: (error: FieldError) => fieldMessage(error, 'fr'),
  noOffice: "Cette démarche n'est pas proposée par tirage au sort dans ce département.",
  // Steps 3 to 5
  yourRequest: 'Votre demande',
  procedure: 'Démarche',
  officesAccepted: 'Lieux acceptés',
  halfDaysAccepted: 'Demi-journées acceptées',
  earliestAccepted: 'À partir du',
  modifyChoices: 'Modifier mes choix',
  forRelativeTitle: 'Je fais la demande pour un proche',
  forRelativeText:
    "Indiquez l'identité de la personne qui se présentera au rendez-vous : ses nom, prénoms et date de naissance, et son propre numéro étranger. L'adresse électronique peut être la vôtre : c'est là qu'arriveront le numéro de la demande et, si un rendez-vous est attribué, le lien pour le confirmer.",
  emailHint: 'Format attendu : nom@domaine.fr. Vous y recevrez le numéro de votre demande et son lien.',
  summaryTitle: 'Vérifiez votre demande',
  submitNotice:
    'En validant, votre demande entre dans la file du prochain tirage. Une seule demande par personne et par démarche : si vous en avez déjà une, elle est mise à jour avec ces choix et garde son numéro.',
  // Result
  resultTitle: 'Demande enregistrée',
  resultLabel: 'Numéro de votre demande :',
  resultKeep: 'Notez ce numéro : il figure sur votre récépissé et vous permet de suivre les tirages.',
  resultEmail:
    'Un courriel a été envoyé à l’adresse enregistrée avec la demande, avec le récépissé et le lien pour consulter ou retirer votre demande.',
  resultNoRace:
    'Rappel : l’ordre d’arrivée ne compte pas. Les rendez-vous sont attribués par un tirage au sort vérifiable ; sans rendez-vous attribué, votre demande reste dans la file pour le tirage suivant, sans la refaire.',
  downloadReceipt: 'Télécharger le récépissé (PDF)',
  downloadCertificate: 'Télécharger une attestation',
  refusedTitle: 'Demande impossible',
  alreadyBooked:
    'Cette personne a déjà un rendez-vous en cours pour cette démarche. Un seul rendez-vous par personne : il n’y a pas de demande à faire.',
  emailLimit: (limit: number) =>
    `Cette adresse électronique a déjà ${limit} demandes en cours : c'est le maximum. Une association ou le guichet de la préfecture peut déposer une demande pour vous.`,
  restartTitle: 'Reprenez votre demande',
  restartText:
    'Cette étape s’affiche après le choix des lieux et des horaires. Choisissez votre département et votre démarche pour recommencer.',
  restartLink: 'Choisir un département',
  // The request's page
  pageTitle: (label: string) => `Demande n° ${label}`,
  status: 'Situation',
  statuses: {
    waiting: 'En attente du prochain tirage',
    won: 'Un rendez-vous vous a été attribué',
    withdrawn: 'Retirée',
    closed: 'Close',
  } as Record<string, string>,
  lost: 'Tirages passés sans rendez-vous',
  submittedAt: 'Demande enregistrée le',
  bookingReference: 'Référence du rendez-vous attribué',
  wonHint: 'Confirmez le rendez-vous avec le lien reçu par courriel.',
  waitingHint:
    'Vous n’avez rien à faire : votre demande participe à chaque tirage jusqu’à ce qu’un rendez-vous vous soit attribué.',
  withdraw: 'Retirer ma demande',
  withdrawTitle: 'Retirer ma demande',
  withdrawQuestion: 'Confirmez-vous le retrait de cette demande ?',
  withdrawWarning:
    'Une demande retirée ne participe plus à aucun tirage, et son ancienneté est perdue. Vous pourrez en déposer une nouvelle.',
  withdrawYes: 'Oui, je retire ma demande',
  withdrawNo: 'Non, finalement je conserve ma demande',
  withdrawnTitle: 'Votre demande est retirée',
  withdrawnText: 'Elle ne participera à aucun tirage. Un courriel de confirmation vous a été envoyé.',
  newRequest: 'Faire une nouvelle demande',
  problemTitle: 'Lien inutilisable',
  problems: {
    token_invalid:
      'Ce lien est invalide. Vérifiez qu’il est complet : copiez-le en entier depuis le courriel.',
    token_expired: 'Ce lien a expiré. Déposez une nouvelle demande pour en recevoir un.',
    not_withdrawable: "Cette demande ne peut plus être retirée : elle n'est plus en attente.",
    request_not_found: 'Demande introuvable.',
  } as Record<string, string>,
  home: 'Revenir à l’accueil',
};

const en: typeof fr = {
  steps: [
    'Description',
    'Choice of offices and times',
    'Security check',
    'Personal details',
    'Validate and finish',
  ],
  choicesIntro:
    'Appointments for this procedure are allocated by a draw among the requests received. Tick every office and every half-day you can attend: the more you accept, the better your chance of an early appointment.',
  noRace:
    'The order of arrival does not count: a request made at the last minute has the same chance as one made when the window opened.',
  offices: 'Offices you can go to',
  officesHint: 'Tick at least one office.',
  halfDays: 'Half-days that suit you',
  halfDaysHint:
    'Leave everything unticked if any half-day suits you. Morning: before 12:00; afternoon: from 12:00.',
  earliest: 'From what date can you come?',
  earliestHint: 'Optional. Expected format: DD/MM/YYYY. Leave empty if you can come as soon as possible.',
  choiceErrors: {
    required: 'Tick at least one office.',
    not_offered: 'One of the offices chosen no longer offers this procedure by draw: check your choice.',
    several_departments: 'Choose offices of one département only.',
    not_found: 'This procedure does not exist.',
    past: 'This date has passed: choose today or later, or leave it empty.',
    too_far: 'This date is too far ahead: choose one within the coming year, or leave it empty.',
    date_invalid: 'This date does not exist: check it (DD/MM/YYYY).',
    half_day_invalid: 'Choose half-days among those offered.',
  },
  choiceLabels: {
    siteIds: 'Offices you can go to',
    halfDays: 'Half-days that suit you',
    earliest: 'From what date can you come?',
    procedureId: 'Procedure',
  },
  fieldError: (error) => fieldMessage(error, 'en'),
  noOffice: 'This procedure is not offered by draw in this département.',
  yourRequest: 'Your request',
  procedure: 'Procedure',
  officesAccepted: 'Offices accepted',
  halfDaysAccepted: 'Half-days accepted',
  earliestAccepted: 'From',
  modifyChoices: 'Change my choices',
  forRelativeTitle: 'I am applying for a relative',
  forRelativeText:
    'Give the identity of the person who will attend the appointment: their names, date of birth and their own foreigner number. The email address may be yours: the request number, and if an appointment is given the link to confirm it, will be sent there.',
  emailHint: 'Expected format: name@domain.fr. Your request number and its link will be sent there.',
  summaryTitle: 'Check your request',
  submitNotice:
    'When you validate, your request joins the queue for the next draw. One request per person and procedure: if you already have one, it is updated with these choices and keeps its number.',
  resultTitle: 'Request recorded',
  resultLabel: 'Your request number:',
  resultKeep: 'Write this number down: it is on your receipt and lets you follow the draws.',
  resultEmail:
    'An email has been sent to the address recorded with the request, with the receipt and the link to view or withdraw your request.',
  resultNoRace:
    'Remember: the order of arrival does not count. Appointments are allocated by a verifiable draw; if you are not given one, your request stays in the queue for the next draw, without applying again.',
  downloadReceipt: 'Download the receipt (PDF)',
  downloadCertificate: 'Download a certificate of unavailability',
  refusedTitle: 'Request not possible',
  alreadyBooked:
    'This person already has an appointment for this procedure. One appointment per person: there is no request to make.',
  emailLimit: (limit) =>
    `This email address already has ${limit} requests waiting: that is the maximum. An association or the préfecture's counter can submit a request for you.`,
  restartTitle: 'Start your request again',
  restartText:
    'This step comes after the choice of offices and times. Choose your département and your procedure to start again.',
  restartLink: 'Choose a département',
  pageTitle: (label) => `Request no. ${label}`,
  status: 'Status',
  statuses: {
    waiting: 'Waiting for the next draw',
    won: 'You have been given an appointment',
    withdrawn: 'Withdrawn',
    closed: 'Closed',
  },
  lost: 'Draws passed without an appointment',
  submittedAt: 'Request recorded on',
  bookingReference: 'Reference of the appointment given',
  wonHint: 'Confirm the appointment with the link you received by email.',
  waitingHint:
    'There is nothing to do: your request takes part in every draw until you are given an appointment.',
  withdraw: 'Withdraw my request',
  withdrawTitle: 'Withdraw my request',
  withdrawQuestion: 'Do you confirm that you withdraw this request?',
  withdrawWarning:
    'A withdrawn request takes part in no further draw, and its seniority is lost. You will be able to submit a new one.',
  withdrawYes: 'Yes, I withdraw my request',
  withdrawNo: 'No, I keep my request',
  withdrawnTitle: 'Your request is withdrawn',
  withdrawnText: 'It will take part in no draw. A confirmation email has been sent to you.',
  newRequest: 'Make a new request',
  problemTitle: 'Link cannot be used',
  problems: {
    token_invalid: 'This link is not valid. Check that it is complete: copy all of it from the email.',
    token_expired: 'This link has expired. Submit a new request to receive one.',
    not_withdrawable: 'This request can no longer be withdrawn: it is no longer waiting.',
    request_not_found: 'Request not found.',
  },
  home: 'Back to the home page',
};

/** The request journey's and the request page's texts, per language. */
/** The shape of the request journey's texts, which every language's catalog has. */
export type RequestMessages = typeof fr;

export const requestMessages: Catalog<typeof fr> = { fr, en, ar: requestsAr };
