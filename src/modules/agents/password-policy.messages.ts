import type { Catalog } from '../web/i18n.ts';
import type { PasswordProblem } from './password-policy.ts';

/** What is wrong with a new password, in each language (the admin screens, the API, the CLI). */
export const passwordPolicyMessages: Catalog<{
  problem: (problem: PasswordProblem) => string;
}> = {
  fr: {
    problem: (problem) => {
      switch (problem.code) {
        case 'too_short':
          return `Le mot de passe doit compter au moins ${problem.params.min} caractères.`;
        case 'too_long':
          return `Le mot de passe doit compter au plus ${problem.params.max} caractères.`;
        case 'common':
          return 'Ce mot de passe figure parmi les plus courants : choisissez-en un autre, par exemple une phrase de plusieurs mots.';
        case 'contains_email':
          return 'Le mot de passe ne doit pas contenir votre adresse électronique.';
        case 'contains_name':
          return 'Le mot de passe ne doit pas contenir votre nom.';
      }
    },
  },
  en: {
    problem: (problem) => {
      switch (problem.code) {
        case 'too_short':
          return `The password must be at least ${problem.params.min} characters long.`;
        case 'too_long':
          return `The password must be at most ${problem.params.max} characters long.`;
        case 'common':
          return 'This password is among the most common ones: choose another, a sentence of several words for instance.';
        case 'contains_email':
          return 'The password must not contain your email address.';
        case 'contains_name':
          return 'The password must not contain your name.';
      }
    },
  },
};
