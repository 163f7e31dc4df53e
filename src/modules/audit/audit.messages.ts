import type { Catalog } from '../web/i18n.ts';

/** The texts of the audit log's screen (/agents/journal). */
export const auditPage: Catalog<{
  title: string;
  intro: string;
  search: {
    legend: string;
    agent: string;
    agentHint: string;
    action: string;
    actionHint: string;
    targetType: string;
    targetTypeHint: string;
    targetId: string;
    from: string;
    to: string;
    dateHint: string;
    submit: string;
    reset: string;
  };
  results: {
    caption: (page: number) => string;
    head: { at: string; agent: string; action: string; target: string; before: string; after: string };
    nobody: string;
    none: string;
    pagination: string;
    previous: string;
    next: string;
  };
  errors: Record<'invalid_date' | 'before_from', string>;
}> = {
  fr: {
    title: 'Journal',
    intro:
      'Chaque action des agents dans votre périmètre : qui, quoi, sur quoi, les valeurs avant et après. Le journal ne peut être ni modifié ni effacé ; les données personnelles qu’il contient sont effacées au bout d’un an, les entrées au bout de cinq ans.',
    search: {
      legend: 'Rechercher dans le journal',
      agent: 'Agent',
      agentHint: 'Son adresse électronique.',
      action: 'Action',
      actionHint: 'Par exemple agent.create, grant.add, token.revoke.',
      targetType: 'Type de cible',
      targetTypeHint: 'Par exemple agent, api_token, site.',
      targetId: 'Numéro de la cible',
      from: 'Du',
      to: 'Au',
      dateHint: 'Format attendu : AAAA-MM-JJ (heure de Paris).',
      submit: 'Rechercher',
      reset: 'Effacer les critères',
    },
    results: {
      caption: (page) => `Entrées du journal, page ${page}, les plus récentes d’abord`,
      head: {
        at: 'Date',
        agent: 'Agent',
        action: 'Action',
        target: 'Cible',
        before: 'Avant',
        after: 'Après',
      },
      nobody: 'aucun (ligne de commande ou inconnu)',
      none: 'Aucune entrée ne correspond à ces critères.',
      pagination: 'Pages du journal',
      previous: 'Page précédente',
      next: 'Page suivante',
    },
    errors: {
      invalid_date: 'Date attendue au format AAAA-MM-JJ.',
      before_from: 'La fin de la période doit suivre son début.',
    },
  },
  en: {
    title: 'Audit log',
    intro:
      'Every action of the agents within your scope: who, what, on what, the values before and after. The log can be neither changed nor erased; the personal data it holds is erased after a year, its entries after five years.',
    search: {
      legend: 'Search the log',
      agent: 'Agent',
      agentHint: 'Their email address.',
      action: 'Action',
      actionHint: 'For example agent.create, grant.add, token.revoke.',
      targetType: 'Target type',
      targetTypeHint: 'For example agent, api_token, site.',
      targetId: 'Target number',
      from: 'From',
      to: 'To',
      dateHint: 'Expected format: YYYY-MM-DD (Paris time).',
      submit: 'Search',
      reset: 'Clear the criteria',
    },
    results: {
      caption: (page) => `Log entries, page ${page}, newest first`,
      head: {
        at: 'Date',
        agent: 'Agent',
        action: 'Action',
        target: 'Target',
        before: 'Before',
        after: 'After',
      },
      nobody: 'none (command line or unknown)',
      none: 'No entry matches these criteria.',
      pagination: 'Pages of the log',
      previous: 'Previous page',
      next: 'Next page',
    },
    errors: {
      invalid_date: 'Expected date format: YYYY-MM-DD.',
      before_from: 'The end of the period must follow its start.',
    },
  },
};
