import type { Catalog } from '../web/i18n.ts';

/** The texts of "Mon compte" and its API tokens. */
export const tokensPage: Catalog<{
  title: string;
  identity: { name: string; email: string; roles: string };
  tokens: {
    title: string;
    intro: string;
    caption: string;
    head: { name: string; created: string; lastUsed: string; state: string; action: string };
    never: string;
    active: string;
    revoked: (when: string) => string;
    revoke: string;
    revokeLabel: (name: string) => string;
    none: string;
  };
  create: { title: string; name: string; nameHint: string; submit: string };
  created: { title: string; text: string; usage: string };
  revokedNotice: string;
  sessions: string;
  errors: Record<'name.required' | 'name.too_long', string>;
}> = {
  fr: {
    title: 'Mon compte',
    sessions: 'Vos sessions',
    identity: { name: 'Nom', email: 'Adresse électronique', roles: 'Rôles' },
    tokens: {
      title: 'Jetons d’accès à l’API',
      intro:
        'Un jeton permet à un programme d’utiliser l’API d’administration avec exactement vos droits. Révoquez-le dès qu’il ne sert plus.',
      caption: 'Vos jetons d’accès',
      head: {
        name: 'Nom',
        created: 'Créé le',
        lastUsed: 'Dernière utilisation',
        state: 'État',
        action: 'Action',
      },
      never: 'jamais',
      active: 'Actif',
      revoked: (when) => `Révoqué le ${when}`,
      revoke: 'Révoquer',
      revokeLabel: (name) => `Révoquer le jeton « ${name} »`,
      none: 'Vous n’avez aucun jeton.',
    },
    create: {
      title: 'Créer un jeton',
      name: 'Nom du jeton',
      nameHint: 'Son usage, par exemple « export des statistiques ».',
      submit: 'Créer le jeton',
    },
    created: {
      title: 'Jeton créé',
      text: 'Copiez-le maintenant : il n’est affiché qu’une fois et n’est conservé que sous forme chiffrée.',
      usage: 'Envoyez-le dans l’en-tête « Authorization: Bearer … » de chaque requête à /api/v1/admin.',
    },
    revokedNotice: 'Le jeton a été révoqué : il est refusé dès maintenant.',
    errors: { 'name.required': 'Donnez un nom au jeton.', 'name.too_long': 'Au plus 100 caractères.' },
  },
  en: {
    title: 'My account',
    sessions: 'Your sessions',
    identity: { name: 'Name', email: 'Email address', roles: 'Roles' },
    tokens: {
      title: 'API access tokens',
      intro:
        'A token lets a program use the admin API with exactly your rights. Revoke it as soon as it is no longer needed.',
      caption: 'Your access tokens',
      head: { name: 'Name', created: 'Created', lastUsed: 'Last used', state: 'State', action: 'Action' },
      never: 'never',
      active: 'Active',
      revoked: (when) => `Revoked on ${when}`,
      revoke: 'Revoke',
      revokeLabel: (name) => `Revoke the token “${name}”`,
      none: 'You have no token.',
    },
    create: {
      title: 'Create a token',
      name: 'Token name',
      nameHint: 'What it is for, e.g. “statistics export”.',
      submit: 'Create the token',
    },
    created: {
      title: 'Token created',
      text: 'Copy it now: it is shown only once and stored only hashed.',
      usage: 'Send it in the “Authorization: Bearer …” header of every request to /api/v1/admin.',
    },
    revokedNotice: 'The token was revoked: it is refused from now on.',
    errors: { 'name.required': 'Give the token a name.', 'name.too_long': 'At most 100 characters.' },
  },
};
