import type { Catalog } from '../web/i18n.ts';

/** The texts of the agents' administration (/agents/comptes…). */
export const agentAdmin: Catalog<{
  list: {
    title: string;
    intro: string;
    create: string;
    caption: string;
    head: { name: string; email: string; roles: string; state: string; open: string };
    none: string;
    open: (name: string) => string;
  };
  state: { active: string; inactive: string; notEnrolled: string; federationOnly: string };
  fields: {
    email: string;
    emailHint: string;
    name: string;
    role: string;
    scope: string;
    scopeHint: string;
    federationOnly: string;
    federationOnlyHint: string;
  };
  scopeOption: {
    national: string;
    department: (code: string, name: string) => string;
    site: (name: string, id: number) => string;
  };
  create: { title: string; intro: string; submit: string; breadcrumb: string };
  created: {
    title: string;
    passwordTitle: string;
    passwordText: string;
    enrolment: string;
    federationText: string;
    open: string;
  };
  detail: {
    breadcrumb: string;
    identity: string;
    signIn: string;
    signInPassword: string;
    signInFederation: string;
    secondFactor: string;
    enrolled: string;
    notEnrolled: string;
    state: string;
    editTitle: string;
    save: string;
    grantsTitle: string;
    grantsCaption: string;
    grantHead: { role: string; scope: string; action: string };
    remove: string;
    removeLabel: (role: string, scope: string) => string;
    addTitle: string;
    add: string;
    stateTitle: string;
    deactivate: string;
    deactivateHint: string;
    reactivate: string;
    notEditable: string;
    newPasswordTitle: string;
  };
  done: Record<'created' | 'updated' | 'deactivated' | 'reactivated' | 'granted' | 'withdrawn', string>;
  errors: {
    title: string;
    field: Record<string, string>;
    conflict: Record<string, string>;
  };
}> = {
  fr: {
    list: {
      title: 'Agents',
      intro: 'Les agents qui ont un rôle dans votre périmètre, et leurs rôles dans ce périmètre.',
      create: 'Créer un agent',
      caption: 'Agents de votre périmètre',
      head: { name: 'Nom', email: 'Adresse électronique', roles: 'Rôles', state: 'État', open: 'Fiche' },
      none: 'Aucun agent n’a de rôle dans votre périmètre.',
      open: (name) => `Ouvrir la fiche de ${name}`,
    },
    state: {
      active: 'Actif',
      inactive: 'Désactivé',
      notEnrolled: 'code à usage unique à enrôler',
      federationOnly: 'ProConnect seulement',
    },
    fields: {
      email: 'Adresse électronique professionnelle',
      emailHint: 'Format attendu : prenom.nom@interieur.gouv.fr',
      name: 'Nom et prénom',
      role: 'Rôle',
      scope: 'Périmètre',
      scopeHint: 'Le pays, un département ou un service, parmi ceux que vous administrez.',
      federationOnly: 'Connexion par ProConnect seulement',
      federationOnlyHint: 'Sans mot de passe : l’agent se connecte avec son compte de l’administration.',
    },
    scopeOption: {
      national: 'National',
      department: (code, name) => `Département ${code} — ${name}`,
      site: (name, id) => `${name} (service n° ${id})`,
    },
    create: {
      title: 'Créer un agent',
      intro:
        'Un mot de passe provisoire est créé et affiché une seule fois ; l’agent enrôle son application d’authentification à sa première connexion.',
      submit: 'Créer l’agent',
      breadcrumb: 'Fil d’Ariane',
    },
    created: {
      title: 'Agent créé',
      passwordTitle: 'Mot de passe provisoire',
      passwordText:
        'Il n’est affiché qu’une fois et n’est conservé que sous forme chiffrée : transmettez-le à l’agent par un canal sûr.',
      enrolment:
        'À sa première connexion, l’agent enrôle son application d’authentification (code QR) et reçoit dix codes de secours.',
      federationText: 'L’agent se connecte par ProConnect : aucun mot de passe n’a été créé.',
      open: 'Ouvrir la fiche de l’agent',
    },
    detail: {
      breadcrumb: 'Fil d’Ariane',
      identity: 'Adresse électronique',
      signIn: 'Connexion',
      signInPassword: 'Mot de passe et code à usage unique',
      signInFederation: 'ProConnect seulement',
      secondFactor: 'Application d’authentification',
      enrolled: 'enrôlée',
      notEnrolled: 'pas encore enrôlée',
      state: 'État du compte',
      editTitle: 'Modifier le compte',
      save: 'Enregistrer',
      grantsTitle: 'Rôles',
      grantsCaption: 'Rôles de l’agent dans votre périmètre',
      grantHead: { role: 'Rôle', scope: 'Périmètre', action: 'Action' },
      remove: 'Retirer',
      removeLabel: (role, scope) => `Retirer le rôle ${role} (${scope})`,
      addTitle: 'Donner un rôle',
      add: 'Donner le rôle',
      stateTitle: 'Activer ou désactiver',
      deactivate: 'Désactiver le compte',
      deactivateHint:
        'La désactivation ferme toutes les sessions de l’agent et révoque tous ses jetons d’accès à l’API.',
      reactivate: 'Réactiver le compte',
      notEditable:
        'Cet agent a aussi des rôles hors de votre périmètre : seul un administrateur qui les couvre tous peut modifier son compte.',
      newPasswordTitle: 'Nouveau mot de passe provisoire',
    },
    done: {
      created: 'L’agent a été créé.',
      updated: 'Le compte a été modifié.',
      deactivated: 'Le compte a été désactivé : ses sessions sont fermées et ses jetons révoqués.',
      reactivated: 'Le compte a été réactivé.',
      granted: 'Le rôle a été donné.',
      withdrawn: 'Le rôle a été retiré.',
    },
    errors: {
      title: 'La modification n’a pas été enregistrée',
      field: {
        'email.format': 'Adresse électronique invalide.',
        'name.required': 'Indiquez le nom de l’agent.',
        'name.too_long': 'Au plus 200 caractères.',
        'role.unknown_role': 'Choisissez un rôle dans la liste.',
        'scope.unknown_scope': 'Ce périmètre n’existe pas.',
        'scope.format': 'Choisissez un périmètre dans la liste.',
      },
      conflict: {
        email_taken: 'Un agent utilise déjà cette adresse électronique.',
        grant_exists: 'Cet agent a déjà ce rôle sur ce périmètre.',
        grant_not_found: 'Cet agent n’a pas ce rôle sur ce périmètre.',
        last_grant:
          'C’est le dernier rôle de cet agent : désactivez son compte plutôt que de lui retirer tout rôle.',
        last_administrator:
          'Le département doit garder au moins un administrateur actif : nommez-en un autre avant de retirer celui-ci.',
      },
    },
  },
  en: {
    list: {
      title: 'Agents',
      intro: 'The agents with a role within your scope, and their roles within it.',
      create: 'Create an agent',
      caption: 'Agents within your scope',
      head: { name: 'Name', email: 'Email address', roles: 'Roles', state: 'State', open: 'Record' },
      none: 'No agent has a role within your scope.',
      open: (name) => `Open the record of ${name}`,
    },
    state: {
      active: 'Active',
      inactive: 'Deactivated',
      notEnrolled: 'one-time code not enrolled yet',
      federationOnly: 'ProConnect only',
    },
    fields: {
      email: 'Work email address',
      emailHint: 'Expected format: firstname.lastname@interieur.gouv.fr',
      name: 'Full name',
      role: 'Role',
      scope: 'Scope',
      scopeHint: 'The country, a département or an office, among those you administer.',
      federationOnly: 'Sign-in through ProConnect only',
      federationOnlyHint: 'No password: the agent signs in with their government account.',
    },
    scopeOption: {
      national: 'National',
      department: (code, name) => `Département ${code} — ${name}`,
      site: (name, id) => `${name} (office no. ${id})`,
    },
    create: {
      title: 'Create an agent',
      intro:
        'A temporary password is created and shown once; the agent enrols their authenticator app at their first sign-in.',
      submit: 'Create the agent',
      breadcrumb: 'Breadcrumb',
    },
    created: {
      title: 'Agent created',
      passwordTitle: 'Temporary password',
      passwordText:
        'It is shown only once and stored only hashed: give it to the agent through a safe channel.',
      enrolment:
        'At their first sign-in, the agent enrols their authenticator app (QR code) and receives ten recovery codes.',
      federationText: 'The agent signs in through ProConnect: no password was created.',
      open: 'Open the agent’s record',
    },
    detail: {
      breadcrumb: 'Breadcrumb',
      identity: 'Email address',
      signIn: 'Sign-in',
      signInPassword: 'Password and one-time code',
      signInFederation: 'ProConnect only',
      secondFactor: 'Authenticator app',
      enrolled: 'enrolled',
      notEnrolled: 'not enrolled yet',
      state: 'Account state',
      editTitle: 'Edit the account',
      save: 'Save',
      grantsTitle: 'Roles',
      grantsCaption: 'The agent’s roles within your scope',
      grantHead: { role: 'Role', scope: 'Scope', action: 'Action' },
      remove: 'Withdraw',
      removeLabel: (role, scope) => `Withdraw the role ${role} (${scope})`,
      addTitle: 'Grant a role',
      add: 'Grant the role',
      stateTitle: 'Activate or deactivate',
      deactivate: 'Deactivate the account',
      deactivateHint: 'Deactivation ends every session of the agent and revokes every API token of theirs.',
      reactivate: 'Reactivate the account',
      notEditable:
        'This agent also has roles outside your scope: only an administrator covering all of them can edit the account.',
      newPasswordTitle: 'New temporary password',
    },
    done: {
      created: 'The agent was created.',
      updated: 'The account was updated.',
      deactivated: 'The account was deactivated: its sessions are ended and its tokens revoked.',
      reactivated: 'The account was reactivated.',
      granted: 'The role was granted.',
      withdrawn: 'The role was withdrawn.',
    },
    errors: {
      title: 'The change was not saved',
      field: {
        'email.format': 'Invalid email address.',
        'name.required': 'Enter the agent’s name.',
        'name.too_long': 'At most 200 characters.',
        'role.unknown_role': 'Choose a role from the list.',
        'scope.unknown_scope': 'This scope does not exist.',
        'scope.format': 'Choose a scope from the list.',
      },
      conflict: {
        email_taken: 'An agent already uses this email address.',
        grant_exists: 'This agent already has this role on this scope.',
        grant_not_found: 'This agent does not have this role on this scope.',
        last_grant: 'This is the agent’s last role: deactivate the account rather than withdraw every role.',
        last_administrator:
          'The département must keep at least one active administrator: appoint another one before removing this one.',
      },
    },
  },
};
