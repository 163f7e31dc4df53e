import type { FieldError } from '../../errors.ts';
import type { Catalog } from '../web/i18n.ts';

const fr = {
  steps: [
    'Descriptif',
    "Choix d'une plage",
    'Contrôle de sécurité',
    'Coordonnées personnelles',
    'Valider et terminer',
  ],
  stepState: (n: number) => `Étape ${n} sur 5`,
  nextStep: 'Étape suivante :',
  breadcrumb: 'Vous êtes ici :',
  home: 'Accueil',
  department: (code: string, name: string) => `${name} (${code})`,
  // Step 1
  descriptif: {
    descriptionHeading: 'En quoi consiste cette démarche',
    audienceHeading: 'Usagers concernés',
    documentsHeading: 'Pièces à fournir',
    printHint:
      'Imprimer la liste : utilisez la fonction d’impression de votre navigateur ; la page s’imprime sans les menus ni les boutons.',
    feesHeading: 'Coût',
    duration: (minutes: number) => `Durée du rendez-vous : ${minutes} minutes.`,
    nextFreeHeading: 'Prochaine date disponible',
    nextFreeAt: (date: string, office: string) => `${date}, ${office}.`,
    noSlotAdvice:
      'Compte tenu du nombre important de demandes, il est possible que vous ne trouviez pas de place à la date souhaitée. Il n’y a pas d’autres dates que celles proposées sur ce site : prenez un rendez-vous, même éloigné, et revenez de temps en temps voir si une place se libère.',
    officeNotesHeading: 'À savoir avant de venir',
    warningTitle: 'Attention',
    warning:
      'Nous vous informons que les démarches liées au droit du séjour des étrangers sont gratuites. Aucune entreprise n’est agréée par la préfecture pour réaliser ces procédures ni ne dispose d’un accès privilégié pour obtenir des rendez-vous.',
    stepsHeading: 'Les étapes de la prise de rendez-vous',
    requestHeading: 'Demander un rendez-vous',
    conditionsLabel: "J'accepte les conditions d'utilisation du service de prise de rendez-vous",
    conditionsHint:
      'Je prends rendez-vous pour moi-même ou pour un proche, avec son identité : 1 rendez-vous = 1 personne = 1 dossier. Mes données servent uniquement à la gestion du rendez-vous.',
    conditionsPrivacy: 'Lire comment vos données personnelles sont traitées',
    conditionsError: 'Cochez la case pour accepter les conditions d’utilisation avant de continuer.',
    submit: 'Effectuer une demande de rendez-vous',
    manage: 'Annuler, consulter et gérer mes demandes de rendez-vous',
    notBookable:
      'Dans ce département, cette démarche ne se fait pas sur rendez-vous en ligne. Voici comment la faire :',
    howToHeading: 'Comment faire cette démarche',
    noFreeSlot: 'Aucune plage disponible pour le moment',
  },
  // Step 2
  conditionsRequired: 'Acceptez les conditions de la démarche avant de choisir une plage horaire.',
  backToDescription: 'Revenir au descriptif de la démarche',
  chooseOffice: 'Choisissez le lieu du rendez-vous',
  nextFree: (date: string) => `Prochaine plage libre : ${date}`,
  noneFree: 'Aucune plage libre',
  chosenOffice: (name: string) => `Lieu choisi : ${name}`,
  weekOf: (from: string, to: string) => `Semaine du ${from} au ${to}`,
  previousWeek: 'Semaine précédente',
  nextWeek: 'Semaine suivante',
  firstWeek: 'Aller à la première semaine avec des plages libres',
  weekEmpty: 'Aucune plage libre cette semaine.',
  chooseSlot: 'Choisissez une plage horaire',
  timesHint: (zone: string) => `Heures locales du lieu du rendez-vous (${zone}).`,
  seats: (n: number) => (n === 1 ? '1 place' : `${n} places`),
  noSlot: 'Aucune plage horaire disponible',
  noSlotText:
    "Ce lieu n'a aucune plage horaire libre pour cette démarche en ce moment. De nouvelles plages sont publiées chaque jour : revenez plus tard, ou voyez ci-dessous les autres possibilités.",
  otherOffices: 'Autres lieux du département avec des plages libres',
  otherChannels: 'Autres façons de faire cette démarche dans le département',
  channelNames: {
    postal: 'Par courrier',
    email: 'Par courriel',
    walk_in: 'Sans rendez-vous, au guichet',
    external: 'En ligne, sur un autre site',
  } as Record<string, string>,
  postalAddress: 'Adresse postale :',
  contactEmail: 'Adresse électronique :',
  link: 'Site de la démarche',
  updatedOn: (date: string) => `Dernière mise à jour : ${date}`,
  helpLink: "Besoin d'aide ? Consultez l'aide",
  unknownProcedure: "Cette démarche n'est pas proposée dans ce département.",
  slotUnavailable: "Cette plage horaire n'est plus disponible : choisissez-en une autre.",
  slotTaken: "Cette plage vient d'être prise : choisissez-en une autre.",
  slotMissing: 'Choisissez une plage horaire avant de continuer.',
  // Step 3
  securityIntro:
    'Pour protéger les rendez-vous contre les robots qui les réservent en masse, votre appareil fait un petit calcul. Aucune image à déchiffrer, aucun service tiers : cochez la case et attendez la coche verte, puis continuez.',
  noScript:
    'Cette étape a besoin de JavaScript pour faire le calcul de sécurité. Activez JavaScript dans votre navigateur, ou utilisez un autre navigateur, puis rechargez la page.',
  captchaOff: 'Le contrôle de sécurité est désactivé sur ce serveur : vous pouvez continuer.',
  captchaFailed: 'Le contrôle de sécurité a échoué ou a expiré : refaites-le, puis vérifiez vos coordonnées.',
  yourSlot: 'Votre plage horaire',
  // Step 4
  forRelativeTitle: 'Je prends rendez-vous pour un proche',
  forRelativeText:
    "Indiquez l'identité de la personne qui se présentera au rendez-vous : ses nom, prénoms et date de naissance, et son propre numéro étranger. L'adresse électronique peut être la vôtre : c'est là qu'arriveront le lien de confirmation et la convocation.",
  identityHint: 'Tels qu’ils figurent sur le titre de séjour ou le passeport.',
  labels: {
    'applicant.lastName': 'Nom',
    'applicant.firstName': 'Prénom(s)',
    'applicant.birthDate': 'Date de naissance',
    'applicant.email': 'Adresse électronique',
    'applicant.phone': 'Numéro de téléphone',
    'applicant.foreignerNumber': 'Numéro étranger',
    'applicant.titleExpiry': 'Date de fin de validité de votre titre',
    'applicant.postalCode': 'Code postal de votre domicile',
  } as Record<string, string>,
  hints: {
    birthDate: 'Format attendu : JJ/MM/AAAA',
    email: 'Format attendu : nom@domaine.fr. Vous y recevrez le lien de confirmation.',
    phone: 'Par exemple 06 12 34 56 78, ou +32 470 12 34 56',
    foreignerNumber: '10 chiffres, au recto de votre titre de séjour',
    titleExpiry: 'Format attendu : JJ/MM/AAAA',
    postalCode: '5 chiffres, par exemple 74000',
  },
  requiredNote: 'Sauf mention contraire, tous les champs sont obligatoires.',
  check: 'Vérifier mes coordonnées',
  fieldError: (error: FieldError) => error.message,
  // Step 5
  summaryTitle: 'Vérifiez votre demande de rendez-vous',
  procedure: 'Démarche',
  office: 'Lieu',
  dateTime: 'Date et heure',
  duration: 'Durée',
  minutes: (n: number) => `${n} minutes`,
  identity: 'Identité',
  birthDate: 'Né(e) le',
  email: 'Adresse électronique',
  phone: 'Téléphone',
  foreignerNumber: 'Numéro étranger',
  titleExpiry: 'Fin de validité du titre',
  postalCode: 'Code postal',
  modify: 'Modifier',
  submit: 'Valider et terminer',
  holdNotice: (minutes: number) =>
    `En validant, la plage vous est réservée pendant ${minutes} minutes : confirmez-la grâce au lien envoyé par courriel.`,
  // Result
  resultTitle: "N'oubliez pas de confirmer votre rendez-vous",
  resultEmail: (email: string) => `Un courriel vient d'être envoyé à ${email}.`,
  resultDeadline: (deadline: string) =>
    `Ouvrez-le et confirmez votre rendez-vous avant le ${deadline} (heure du lieu du rendez-vous) : sans confirmation, la plage sera libérée pour quelqu'un d'autre.`,
  resultSpam: 'Vous ne le trouvez pas ? Regardez dans vos courriers indésirables (spam).',
  referenceLabel: 'Référence :',
  manageLink: 'Annuler, consulter et gérer mes demandes de rendez-vous',
  alreadyBooked:
    'Cette personne a déjà un rendez-vous en cours pour cette démarche. Un seul rendez-vous par personne : annulez-le avant d’en prendre un autre.',
  emailLimit: (limit: number) =>
    `Cette adresse électronique a déjà ${limit} rendez-vous en cours : c'est le maximum.`,
  refusedTitle: 'Rendez-vous impossible',
  restartTitle: 'Reprenez votre demande',
  restartText:
    'Cette étape s’affiche après le choix d’une plage horaire. Choisissez votre département et votre démarche pour recommencer.',
  restartLink: 'Choisir un département',
};

const en: typeof fr = {
  steps: [
    'Description',
    'Choice of a time slot',
    'Security check',
    'Personal details',
    'Validate and finish',
  ],
  stepState: (n: number) => `Step ${n} of 5`,
  nextStep: 'Next step:',
  breadcrumb: 'You are here:',
  home: 'Home',
  department: (code: string, name: string) => `${name} (${code})`,
  descriptif: {
    descriptionHeading: 'What this procedure is',
    audienceHeading: 'Who it is for',
    documentsHeading: 'Documents to bring',
    printHint: 'Print the list: use your browser’s print function; the page prints without menus or buttons.',
    feesHeading: 'Cost',
    duration: (minutes: number) => `Length of the appointment: ${minutes} minutes.`,
    nextFreeHeading: 'Next available date',
    nextFreeAt: (date: string, office: string) => `${date}, ${office}.`,
    noSlotAdvice:
      'Because of the high number of requests, you may not find a slot on the date you wish. There are no dates other than those offered on this site: book an appointment, even a distant one, and come back from time to time to see whether an earlier slot has been freed.',
    officeNotesHeading: 'Good to know before you come',
    warningTitle: 'Warning',
    warning:
      'Residence procedures for foreign nationals are free of charge. No company is approved by the préfecture to carry out these procedures, and none has privileged access to appointments.',
    stepsHeading: 'Steps to book an appointment',
    requestHeading: 'Request an appointment',
    conditionsLabel: 'I accept the terms of use of the appointment service',
    conditionsHint:
      'I am booking for myself or for a relative, with their identity: 1 appointment = 1 person = 1 file. My data is used only to manage the appointment.',
    conditionsPrivacy: 'Read how your personal data is processed',
    conditionsError: 'Tick the box to accept the terms of use before continuing.',
    submit: 'Request an appointment',
    manage: 'Cancel, view and manage my appointments',
    notBookable:
      'In this département, this procedure is not done by online appointment. Here is how to apply:',
    howToHeading: 'How to apply',
    noFreeSlot: 'No slot available at the moment',
  },
  conditionsRequired: 'Accept the conditions of the procedure before choosing a time slot.',
  backToDescription: 'Back to the description of the procedure',
  chooseOffice: 'Choose where to go',
  nextFree: (date: string) => `Next free slot: ${date}`,
  noneFree: 'No free slot',
  chosenOffice: (name: string) => `Chosen office: ${name}`,
  weekOf: (from: string, to: string) => `Week from ${from} to ${to}`,
  previousWeek: 'Previous week',
  nextWeek: 'Next week',
  firstWeek: 'Go to the first week with free slots',
  weekEmpty: 'No free slot this week.',
  chooseSlot: 'Choose a time slot',
  timesHint: (zone: string) => `Local times of the office (${zone}).`,
  seats: (n: number) => (n === 1 ? '1 seat' : `${n} seats`),
  noSlot: 'No time slot available',
  noSlotText:
    'This office has no free time slot for this procedure at the moment. New slots are published every day: come back later, or see the other options below.',
  otherOffices: 'Other offices of the département with free slots',
  otherChannels: 'Other ways to do this procedure in the département',
  channelNames: {
    postal: 'By post',
    email: 'By email',
    walk_in: 'Without an appointment, at the counter',
    external: 'Online, on another website',
  },
  postalAddress: 'Postal address:',
  contactEmail: 'Email address:',
  link: 'Website of the procedure',
  updatedOn: (date: string) => `Last updated: ${date}`,
  helpLink: 'Need help? Read the help page',
  unknownProcedure: 'This procedure is not offered in this département.',
  slotUnavailable: 'This time slot is no longer available: choose another one.',
  slotTaken: 'This slot has just been taken: choose another one.',
  slotMissing: 'Choose a time slot before continuing.',
  securityIntro:
    'To protect appointments from robots that book them in bulk, your device performs a small calculation. No picture to decipher, no third party: tick the box and wait for the green tick, then continue.',
  noScript:
    'This step needs JavaScript for the security calculation. Turn JavaScript on in your browser, or use another browser, then reload the page.',
  captchaOff: 'The security check is turned off on this server: you may continue.',
  captchaFailed: 'The security check failed or expired: do it again, then check your details.',
  yourSlot: 'Your time slot',
  forRelativeTitle: 'I am booking for a relative',
  forRelativeText:
    'Give the identity of the person who will attend the appointment: their names, date of birth and their own foreigner number. The email address may be yours: the confirmation link and the appointment letter will be sent there.',
  identityHint: 'As written on the residence permit or passport.',
  labels: {
    'applicant.lastName': 'Last name',
    'applicant.firstName': 'First name(s)',
    'applicant.birthDate': 'Date of birth',
    'applicant.email': 'Email address',
    'applicant.phone': 'Phone number',
    'applicant.foreignerNumber': 'Foreigner number (numéro étranger)',
    'applicant.titleExpiry': 'Expiry date of your residence permit',
    'applicant.postalCode': 'Postal code of your home',
  },
  hints: {
    birthDate: 'Expected format: DD/MM/YYYY',
    email: 'Expected format: name@domain.com. The confirmation link will be sent there.',
    phone: 'For example 06 12 34 56 78, or +32 470 12 34 56',
    foreignerNumber: '10 digits, on the front of your residence permit',
    titleExpiry: 'Expected format: DD/MM/YYYY',
    postalCode: '5 digits, for example 74000',
  },
  requiredNote: 'All fields are required unless marked otherwise.',
  check: 'Check my details',
  fieldError: englishFieldError,
  summaryTitle: 'Check your appointment request',
  procedure: 'Procedure',
  office: 'Office',
  dateTime: 'Date and time',
  duration: 'Duration',
  minutes: (n: number) => `${n} minutes`,
  identity: 'Identity',
  birthDate: 'Born on',
  email: 'Email address',
  phone: 'Phone',
  foreignerNumber: 'Foreigner number',
  titleExpiry: 'Permit expiry date',
  postalCode: 'Postal code',
  modify: 'Change',
  submit: 'Validate and finish',
  holdNotice: (minutes: number) =>
    `Once you validate, the slot is held for you for ${minutes} minutes: confirm it with the link sent by email.`,
  resultTitle: 'Do not forget to confirm your appointment',
  resultEmail: (email: string) => `An email has just been sent to ${email}.`,
  resultDeadline: (deadline: string) =>
    `Open it and confirm your appointment before ${deadline} (office local time): without confirmation, the slot will be released for someone else.`,
  resultSpam: 'Cannot find it? Look in your junk mail (spam) folder.',
  referenceLabel: 'Reference:',
  manageLink: 'Cancel, view and manage my appointments',
  alreadyBooked:
    'This person already has an appointment in progress for this procedure. One appointment per person: cancel it before booking another one.',
  emailLimit: (limit: number) =>
    `This email address already has ${limit} appointments in progress: that is the maximum.`,
  refusedTitle: 'Appointment not possible',
  restartTitle: 'Start your request again',
  restartText:
    'This step comes after choosing a time slot. Choose your département and your procedure to start again.',
  restartLink: 'Choose a département',
};

const ENGLISH_ERRORS: Record<string, string> = {
  'lastName:required': 'Enter the last name as written on the residence permit or passport.',
  'firstName:required': 'Enter the first name as written on the residence permit or passport.',
  'lastName:name_invalid':
    'Only Latin letters (accents included), the apostrophe, the hyphen and the space are accepted: write the name as on the residence permit or passport.',
  'firstName:name_invalid':
    'Only Latin letters (accents included), the apostrophe, the hyphen and the space are accepted: write the first name as on the residence permit or passport.',
  'lastName:name_too_long': 'The last name cannot exceed 100 characters.',
  'firstName:name_too_long': 'The first name cannot exceed 100 characters.',
  'birthDate:required': 'Enter the date of birth.',
  'birthDate:date_invalid': 'This date does not exist: enter the date of birth.',
  'birthDate:birth_date_future': 'The date of birth is in the future: check the year, month and day.',
  'birthDate:birth_date_implausible': 'This date of birth would mean more than 120 years: check the year.',
  'email:required':
    'Enter a valid email address, for example firstname.name@example.com: the confirmation link and the appointment letter are sent there.',
  'email:email_invalid':
    'Enter a valid email address, for example firstname.name@example.com: the confirmation link and the appointment letter are sent there.',
  'email:email_invisible_character':
    'The email address contains a space or an invisible character, often added by copying and pasting: delete it and type it again, for example firstname.name@example.com.',
  'phone:phone_invalid':
    'Enter a French phone number (06 12 34 56 78) or a foreign one with its country code (+32 470 12 34 56), or leave this field empty.',
  'foreignerNumber:required':
    'Enter the 10-digit foreigner number written on the residence permit; for a relative, enter the relative’s number.',
  'foreignerNumber:foreigner_number_invalid':
    'The foreigner number has 10 digits, without letters or other signs: it is on your residence permit, or on the OFII sticker of your long-stay visa.',
  'titleExpiry:required': 'Enter the expiry date of the residence permit.',
  'titleExpiry:date_invalid': 'This date does not exist: enter the expiry date of the permit.',
  'postalCode:required': 'Enter the postal code of your home (5 digits).',
  'postalCode:postal_code_invalid': 'The postal code has 5 digits, for example 74000.',
  'postalCode:postal_code_unknown':
    'This postal code does not exist: check the one of your home, as written on your proof of address.',
};

/** The English wording of a field error; values (corrected number, dates) are taken from the French one. */
function englishFieldError(error: FieldError): string {
  const field = error.field.replace(/^applicant\./, '');
  const fixed = ENGLISH_ERRORS[`${field}:${error.code}`];
  if (fixed) return fixed;
  const numbers = error.message.match(/[0-9][0-9/]*[0-9]/g) ?? [];
  switch (error.code) {
    case 'foreigner_number_9_digits':
      return `Residence cards made before 2017 show a 9-digit number: add a 0 after the first two digits. Your number is probably ${numbers.at(-1) ?? ''}.`;
    case 'title_expiry_too_early':
      return `Your permit is still valid for more than ${numbers[0] ?? ''} days: this procedure opens to you on ${numbers[1] ?? ''}. Come back on that date to book.`;
    case 'title_expired_too_long':
      return `Your permit expired on ${numbers[0] ?? ''}, more than ${numbers[1] ?? ''} days ago: it can no longer be renewed by this procedure. You must make a first application for a residence permit.`;
    case 'email_unsupported_character':
      return `The email address contains “${/«\s(.+?)\s»/u.exec(error.message)?.[1] ?? ''}”, which cannot be delivered: before the @, only letters without accents, digits and signs such as . _ - + are accepted; after the @, a domain name such as example.com.`;
    case 'postal_code_outside_department':
      return `This postal code is not in département ${numbers[0] ?? ''}: this service is for people living there. If you live in another département, book with its préfecture.`;
    default:
      return error.message;
  }
}

export const journey: Catalog<typeof fr> = { fr, en };
