import type { Catalog } from '../web/i18n.ts';

const fr = {
  signIn: {
    title: 'Connexion à l’espace des agents',
    intro:
      'Cet espace est réservé aux agents des préfectures. Saisissez l’adresse électronique et le mot de passe de votre compte.',
    email: 'Adresse électronique professionnelle',
    emailHint: 'Format attendu : nom@domaine.fr',
    password: 'Mot de passe',
    submit: 'Se connecter',
    or: 'ou',
    proConnect: 'Se connecter avec ProConnect',
    emailMissing: 'Saisissez votre adresse électronique.',
    passwordMissing: 'Saisissez votre mot de passe.',
    refusedTitle: 'Connexion refusée',
    refused: 'Adresse électronique ou mot de passe incorrect.',
    federationHint:
      'Si votre compte se connecte par ProConnect, le mot de passe n’y sert pas : utilisez le bouton « Se connecter avec ProConnect ».',
    throttledTitle: 'Trop de tentatives',
    throttled: (seconds: number) =>
      `Plusieurs tentatives ont échoué : patientez ${seconds} seconde${seconds > 1 ? 's' : ''} avant de réessayer.`,
    lockedTitle: 'Connexion temporairement bloquée',
    locked: (time: string) =>
      `Après trop de tentatives infructueuses, la connexion est bloquée jusqu’à ${time} (heure de Paris). Si le compte existe, son titulaire a été prévenu par courriel.`,
    signedOut: 'Vous êtes déconnecté.',
    signedOutEverywhere: 'Vous êtes déconnecté de toutes vos sessions, sur tous vos appareils.',
    expired: 'Votre connexion n’a pas été terminée à temps : recommencez.',
  },
  code: {
    title: 'Validation en deux étapes',
    intro: 'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
    code: 'Code à 6 chiffres',
    codeHint: 'Le code change toutes les 30 secondes.',
    submit: 'Valider',
    missing: 'Saisissez le code affiché par votre application.',
    wrong:
      'Ce code n’est pas valable : il est faux, a déjà servi ou a expiré. Saisissez le code affiché maintenant.',
    useRecovery: 'J’ai perdu mon application : utiliser un code de secours',
    recoveryTitle: 'Code de secours',
    recoveryIntro:
      'Saisissez l’un des dix codes de secours reçus lors de l’activation. Chaque code ne sert qu’une fois.',
    recoveryCode: 'Code de secours',
    recoveryHint: 'Format attendu : 10 caractères, par exemple K7QMR-2XWPD',
    recoveryMissing: 'Saisissez un code de secours.',
    recoveryWrong: 'Ce code de secours n’est pas valable ou a déjà servi.',
    useApp: 'Utiliser plutôt le code de mon application',
    cancel: 'Annuler et se déconnecter',
  },
  enrol: {
    title: 'Activer la validation en deux étapes',
    intro:
      'Pour protéger votre compte, chaque connexion demande, après le mot de passe, un code à usage unique produit par une application d’authentification sur votre téléphone (par exemple FreeOTP, Aegis ou Google Authenticator).',
    scanTitle: '1. Ajoutez votre compte dans l’application',
    scan: 'Scannez ce QR code avec l’application :',
    qrAlt: (account: string) =>
      `QR code du compte ${account} à scanner avec votre application d’authentification`,
    manual: 'Si vous ne pouvez pas scanner le QR code, saisissez cette clé dans l’application :',
    account: 'Compte',
    key: 'Clé',
    confirmTitle: '2. Saisissez le premier code',
    confirm: 'Saisissez le code à 6 chiffres que l’application affiche pour ce compte.',
  },
  recoveryCodes: {
    title: 'Vos codes de secours',
    done: 'La validation en deux étapes est activée : vous êtes connecté.',
    warningTitle: 'Ces codes ne seront plus jamais affichés',
    warning:
      'Notez-les ou imprimez-les maintenant et gardez-les en lieu sûr. Si vous perdez votre téléphone, chacun d’eux remplace une seule fois le code de l’application.',
    listLabel: 'Codes de secours',
    continue: 'Continuer vers l’espace des agents',
  },
  signOutEverywhere: {
    submit: 'Se déconnecter de tous les appareils',
    hint: 'Met fin à toutes vos sessions ouvertes, sur cet appareil comme sur les autres.',
  },
};

const en: typeof fr = {
  signIn: {
    title: 'Sign in to the agents’ area',
    intro: 'This area is for préfecture staff only. Enter the email address and password of your account.',
    email: 'Work email address',
    emailHint: 'Expected format: name@domain.fr',
    password: 'Password',
    submit: 'Sign in',
    or: 'or',
    proConnect: 'Sign in with ProConnect',
    emailMissing: 'Enter your email address.',
    passwordMissing: 'Enter your password.',
    refusedTitle: 'Sign-in refused',
    refused: 'Wrong email address or password.',
    federationHint:
      'If your account signs in through ProConnect, no password is used: use the “Sign in with ProConnect” button.',
    throttledTitle: 'Too many attempts',
    throttled: (seconds) =>
      `Several attempts failed: wait ${seconds} second${seconds > 1 ? 's' : ''} before trying again.`,
    lockedTitle: 'Sign-in temporarily blocked',
    locked: (time) =>
      `After too many failed attempts, sign-in is blocked until ${time} (Paris time). If the account exists, its holder has been told by email.`,
    signedOut: 'You are signed out.',
    signedOutEverywhere: 'You are signed out of all your sessions, on all your devices.',
    expired: 'Your sign-in was not finished in time: start again.',
  },
  code: {
    title: 'Two-step verification',
    intro: 'Enter the 6-digit code shown by your authenticator app.',
    code: '6-digit code',
    codeHint: 'The code changes every 30 seconds.',
    submit: 'Verify',
    missing: 'Enter the code shown by your app.',
    wrong: 'This code is not valid: it is wrong, already used or expired. Enter the code shown now.',
    useRecovery: 'I lost my app: use a recovery code',
    recoveryTitle: 'Recovery code',
    recoveryIntro: 'Enter one of the ten recovery codes you received at activation. Each code works once.',
    recoveryCode: 'Recovery code',
    recoveryHint: 'Expected format: 10 characters, for example K7QMR-2XWPD',
    recoveryMissing: 'Enter a recovery code.',
    recoveryWrong: 'This recovery code is not valid or has already been used.',
    useApp: 'Use the code of my app instead',
    cancel: 'Cancel and sign out',
  },
  enrol: {
    title: 'Turn on two-step verification',
    intro:
      'To protect your account, every sign-in asks, after the password, for a one-time code made by an authenticator app on your phone (FreeOTP, Aegis or Google Authenticator, for instance).',
    scanTitle: '1. Add your account to the app',
    scan: 'Scan this QR code with the app:',
    qrAlt: (account) => `QR code of the account ${account} to scan with your authenticator app`,
    manual: 'If you cannot scan the QR code, type this key into the app:',
    account: 'Account',
    key: 'Key',
    confirmTitle: '2. Enter the first code',
    confirm: 'Enter the 6-digit code the app shows for this account.',
  },
  recoveryCodes: {
    title: 'Your recovery codes',
    done: 'Two-step verification is on: you are signed in.',
    warningTitle: 'These codes will never be shown again',
    warning:
      'Write them down or print them now and keep them somewhere safe. If you lose your phone, each of them stands in once for the app’s code.',
    listLabel: 'Recovery codes',
    continue: 'Continue to the agents’ area',
  },
  signOutEverywhere: {
    submit: 'Sign out of all devices',
    hint: 'Ends all your open sessions, on this device and on the others.',
  },
};

/** The texts of the sign-in pages (password, second factor, recovery codes) and of signing out. */
export const signInMessages: Catalog<typeof fr> = { fr, en };
