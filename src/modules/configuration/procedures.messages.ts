import type { Catalog } from '../web/i18n.ts';

// The texts of the back office's procedures: the catalogue and a procedure's form.

const fr = {
  list: {
    title: 'Catalogue des démarches',
    intro:
      'Les démarches nationales, modifiables avec un périmètre national, et celles que chaque département écrit pour ses services.',
    create: 'Créer une démarche',
    national: 'Catalogue national',
    department: (code: string) => `Démarches du département ${code}`,
    caption: (group: string) => `${group} : démarches`,
    titleColumn: 'Démarche',
    code: 'Code',
    duration: 'Durée',
    actions: 'Actions',
    minutes: (n: number) => `${n} min`,
    edit: 'Modifier',
    view: 'Consulter',
    none: 'Aucune démarche.',
  },
  form: {
    newTitle: 'Créer une démarche',
    editTitle: (title: string) => `Démarche : ${title}`,
    readOnly:
      'Vous pouvez consulter cette démarche ; seul un périmètre qui couvre son propriétaire (national, ou tout son département) permet de la modifier.',
    identity: 'Identification',
    code: 'Code',
    codeHint:
      'Dans l’adresse des pages publiques : lettres minuscules, chiffres et tirets, par exemple renouvellement-titre. Il ne change plus ensuite.',
    departmentCode: 'Propriétaire',
    departmentCodeHint:
      'Le catalogue national sert tous les départements ; une démarche départementale, les services de son département.',
    nationalOwner: 'Catalogue national',
    departmentOwner: (code: string) => `Département ${code}`,
    durationMinutes: 'Durée d’un rendez-vous (minutes)',
    durationHint: 'Entre 5 et 480 minutes. Elle se règle ensuite avec les horaires de l’offre.',
    durationShown: (n: number) => `Durée d’un rendez-vous : ${n} minutes.`,
    texts: 'Textes en français',
    title: 'Intitulé',
    description: 'Descriptif',
    audience: 'Public concerné',
    documents: 'Pièces à fournir',
    documentsHint: 'Une pièce par ligne.',
    fees: 'Coût',
    arrivalAdvice: 'Conseils pour le jour du rendez-vous',
    arrivalAdviceHint: 'Affichés avec le descriptif, par exemple « Venez avec l’original de chaque pièce ».',
    admissionRule: 'Règle d’accueil au guichet',
    admissionRuleHint: 'Par exemple « 1 rendez-vous = 1 personne = 1 dossier ».',
    eligibility: 'Conditions et informations demandées',
    requiresForeignerNumber: 'Numéro étranger demandé',
    requiresTitleExpiry: 'Date de fin de validité du titre demandée',
    requiresPostalCode: 'Code postal du domicile demandé (dans le département)',
    titleExpiryWithinDays: 'Ouverte aux titres expirant dans les … jours',
    titleExpiryWithinDaysHint: 'Par exemple 92 pour « dans les trois mois ». Vide : pas de limite.',
    titleExpiredSinceDays: 'Ouverte aux titres expirés depuis au plus … jours',
    titleExpiredSinceDaysHint: 'Par exemple 183 pour « depuis moins de six mois ». Vide : pas de limite.',
    translation: { en: 'Textes en anglais (facultatifs)', ar: 'Textes en arabe (facultatifs)' },
    translationHint: 'Ce qui n’est pas traduit s’affiche en français.',
  },
};

const en: typeof fr = {
  list: {
    title: 'Procedure catalogue',
    intro:
      'The national procedures, edited with a national scope, and those each département writes for its offices.',
    create: 'Create a procedure',
    national: 'National catalogue',
    department: (code: string) => `Procedures of département ${code}`,
    caption: (group: string) => `${group}: procedures`,
    titleColumn: 'Procedure',
    code: 'Code',
    duration: 'Duration',
    actions: 'Actions',
    minutes: (n: number) => `${n} min`,
    edit: 'Edit',
    view: 'View',
    none: 'No procedure.',
  },
  form: {
    newTitle: 'Create a procedure',
    editTitle: (title: string) => `Procedure: ${title}`,
    readOnly:
      'You may view this procedure; only a scope covering its owner (national, or its whole département) may edit it.',
    identity: 'Identification',
    code: 'Code',
    codeHint:
      'In the public pages’ addresses: lower-case letters, digits and hyphens, for example renouvellement-titre. It does not change afterwards.',
    departmentCode: 'Owner',
    departmentCodeHint:
      'The national catalogue serves every département; a département’s procedure, the offices of that département.',
    nationalOwner: 'National catalogue',
    departmentOwner: (code: string) => `Département ${code}`,
    durationMinutes: 'Length of an appointment (minutes)',
    durationHint: 'Between 5 and 480 minutes. It is then set with the offer’s hours.',
    durationShown: (n: number) => `Length of an appointment: ${n} minutes.`,
    texts: 'Texts in French',
    title: 'Title',
    description: 'Description',
    audience: 'Who it is for',
    documents: 'Documents to bring',
    documentsHint: 'One document per line.',
    fees: 'Cost',
    arrivalAdvice: 'Advice for the day of the appointment',
    arrivalAdviceHint: 'Shown with the description, for example “Bring the original of each document”.',
    admissionRule: 'Admission rule at the counter',
    admissionRuleHint: 'For example “1 appointment = 1 person = 1 application”.',
    eligibility: 'Conditions and information asked for',
    requiresForeignerNumber: 'Foreigner number asked for',
    requiresTitleExpiry: 'Permit expiry date asked for',
    requiresPostalCode: 'Home postal code asked for (in the département)',
    titleExpiryWithinDays: 'Open to permits expiring within … days',
    titleExpiryWithinDaysHint: 'For example 92 for “within three months”. Empty: no limit.',
    titleExpiredSinceDays: 'Open to permits expired at most … days ago',
    titleExpiredSinceDaysHint: 'For example 183 for “less than six months ago”. Empty: no limit.',
    translation: { en: 'Texts in English (optional)', ar: 'Texts in Arabic (optional)' },
    translationHint: 'What is not translated is shown in French.',
  },
};

/** The procedures' pages. */
export const procedureTexts: Catalog<typeof fr> = { fr, en };
