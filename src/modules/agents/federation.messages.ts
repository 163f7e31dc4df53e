import type { Catalog } from '../web/i18n.ts';

/** The texts of the sign-in through ProConnect: what the agent is told when it does not succeed. */
export const federation: Catalog<{
  retry: string;
  passwordSignIn: string;
  continuing: { title: string; text: string; link: string };
  account: { title: string; text: string; help: string };
  secondFactor: { title: string; text: string; help: string };
  failed: { title: string; text: string };
  unavailable: { title: string; text: string };
}> = {
  fr: {
    retry: 'Se reconnecter avec ProConnect',
    passwordSignIn: 'Se connecter avec un mot de passe',
    continuing: {
      title: 'Ouverture de l’espace des agents',
      text: 'ProConnect vous a identifié : l’espace des agents s’ouvre.',
      link: 'Accéder à l’espace des agents',
    },
    account: {
      title: 'Aucun compte d’agent pour cette identité',
      text: 'ProConnect vous a bien identifié, mais aucun compte d’agent actif ne correspond à l’adresse électronique de votre identité ProConnect.',
      help: 'Les comptes sont créés par l’administrateur de votre département : demandez-lui de créer ou de réactiver le vôtre avec cette adresse.',
    },
    secondFactor: {
      title: 'Double authentification nécessaire',
      text: 'Votre connexion ProConnect ne comportait pas de second facteur d’authentification. L’espace des agents l’exige.',
      help: 'Configurez une double authentification (application d’authentification, clé ou carte agent) sur votre compte ProConnect, puis reconnectez-vous.',
    },
    failed: {
      title: 'La connexion n’a pas abouti',
      text: 'La réponse de ProConnect n’a pas pu être vérifiée : la demande a expiré, a déjà servi ou a été modifiée. Recommencez la connexion.',
    },
    unavailable: {
      title: 'ProConnect ne répond pas',
      text: 'Le service d’identification ProConnect est momentanément injoignable. Réessayez dans quelques instants, ou connectez-vous avec votre mot de passe si votre compte en a un.',
    },
  },
  en: {
    retry: 'Sign in with ProConnect again',
    passwordSignIn: 'Sign in with a password',
    continuing: {
      title: 'Opening the agents’ area',
      text: 'ProConnect identified you: the agents’ area is opening.',
      link: 'Go to the agents’ area',
    },
    account: {
      title: 'No agent account for this identity',
      text: 'ProConnect identified you, but no active agent account matches the email address of your ProConnect identity.',
      help: 'Accounts are created by the administrator of your département: ask them to create or reactivate yours with this address.',
    },
    secondFactor: {
      title: 'Two-factor authentication required',
      text: 'Your ProConnect sign-in did not include a second authentication factor. The agents’ area requires one.',
      help: 'Set up two-factor authentication (authenticator app, security key or agent card) on your ProConnect account, then sign in again.',
    },
    failed: {
      title: 'The sign-in did not succeed',
      text: 'ProConnect’s answer could not be verified: the request expired, was already used or was altered. Start the sign-in again.',
    },
    unavailable: {
      title: 'ProConnect is not answering',
      text: 'The ProConnect identity service cannot be reached at the moment. Try again in a few moments, or sign in with your password if your account has one.',
    },
  },
};
