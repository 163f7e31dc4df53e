import type { Catalog } from '../i18n.ts';

const fr = {
  serviceName: 'Créneau',
  serviceTagline: 'Rendez-vous des services des étrangers en préfecture',
  republic: 'République\nFrançaise',
  home: 'Accueil',
  skipToContent: 'Aller au contenu',
  skipToFooter: 'Aller au pied de page',
  languageSwitcher: 'Choisir une langue',
  languageNames: { fr: 'Français', en: 'English', ar: 'العربية' },
  footer: {
    description:
      'Créneau est le service public libre de prise de rendez-vous des préfectures pour les démarches de séjour des étrangers.',
    personalData: 'Données personnelles',
    accessibility: 'Accessibilité : partiellement conforme',
    legal: 'Mentions légales',
    help: 'Aide',
    manage: 'Annuler, consulter et gérer mes demandes de rendez-vous',
  },
  errorSummaryTitle: (count: number) =>
    count === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${count} erreurs`,
  errorPrefix: 'Erreur :',
  required: 'obligatoire',
  optional: 'facultatif',
  back: 'Retour',
  continue: 'Continuer',
  pageNotFound: 'Page introuvable',
  pageNotFoundText: "La page demandée n'existe pas ou a été déplacée.",
  serverError: 'Erreur inattendue',
  serverErrorText: 'Une erreur est survenue de notre côté. Réessayez dans quelques minutes.',
  unavailable: 'Service momentanément indisponible',
  unavailableText:
    'Le service ne peut pas répondre pour le moment. Vos rendez-vous déjà confirmés sont conservés. Réessayez dans quelques instants.',
  retry: 'Réessayer',
  csrfError: 'Le formulaire a expiré. Rechargez la page et recommencez.',
  free: 'Cette démarche est gratuite.',
};

const en: typeof fr = {
  serviceName: 'Créneau',
  serviceTagline: 'Appointments with the foreigners’ services of the préfectures',
  republic: 'République\nFrançaise',
  home: 'Home',
  skipToContent: 'Skip to content',
  skipToFooter: 'Skip to footer',
  languageSwitcher: 'Choose a language',
  languageNames: { fr: 'Français', en: 'English', ar: 'العربية' },
  footer: {
    description:
      'Créneau is the free public service for booking appointments with the préfectures for foreigners’ residence procedures.',
    personalData: 'Personal data',
    accessibility: 'Accessibility: partially compliant',
    legal: 'Legal notice',
    help: 'Help',
    manage: 'Cancel, view and manage my appointments',
  },
  errorSummaryTitle: (count: number) =>
    count === 1 ? 'The form has an error' : `The form has ${count} errors`,
  errorPrefix: 'Error:',
  required: 'required',
  optional: 'optional',
  back: 'Back',
  continue: 'Continue',
  pageNotFound: 'Page not found',
  pageNotFoundText: 'This page does not exist or has moved.',
  serverError: 'Unexpected error',
  serverErrorText: 'Something went wrong on our side. Please try again in a few minutes.',
  unavailable: 'Service temporarily unavailable',
  unavailableText:
    'The service cannot answer at the moment. Appointments already confirmed are kept. Please try again in a few moments.',
  retry: 'Try again',
  csrfError: 'The form has expired. Reload the page and try again.',
  free: 'This procedure is free of charge.',
};

export const common: Catalog<typeof fr> = { fr, en };
