import type { Catalog } from './i18n.ts';
import { accessibilityAr, legalAr, privacyAr } from './static-ar.messages.ts';
import { accessibilityEn, legalEn, privacyEn } from './static-en.messages.ts';
import { CNIL, CONTACTS, DDD_DELEGATES, DDD_FORM, EUPL, LICENCE_OUVERTE } from './static-links.ts';

// The information pages, in French; English and Arabic in static-en and static-ar.messages.ts. In
// paragraphs and list items, `[text](url)` is a link; everything else is plain text (escaped when rendered).

/** A titled part of a page: paragraphs, then a list, then more paragraphs. */
export interface Section {
  heading: string;
  paragraphs?: string[];
  items?: string[];
  after?: string[];
}

/** A page of sections, optionally grouped under second-level headings. */
export interface StaticPage {
  title: string;
  intro: string[];
  sections: Section[];
}

const privacyFr: StaticPage = {
  title: 'Données personnelles',
  intro: [
    'Cette page explique quelles données le service de prise de rendez-vous Créneau recueille, pourquoi, combien de temps elles sont gardées et comment exercer vos droits, conformément au règlement général sur la protection des données (RGPD) et à la loi Informatique et Libertés.',
  ],
  sections: [
    {
      heading: 'Responsable du traitement',
      paragraphs: [
        'Le responsable du traitement est la préfecture du département où vous prenez rendez-vous, représentée par le préfet, conjointement avec le ministère de l’Intérieur qui met le service à sa disposition. Les coordonnées de chaque préfecture figurent sur la page de son département.',
      ],
    },
    {
      heading: 'Pourquoi vos données sont traitées',
      items: [
        'Gérer vos demandes de rendez-vous : réservation, confirmation, convocation, rappel, annulation, changement de créneau et accueil au guichet.',
        'Lutter contre la fraude et la revente de rendez-vous : une même identité ne peut détenir qu’un rendez-vous actif par démarche.',
        'Mesurer les délais et la demande non satisfaite, à partir de statistiques anonymes.',
      ],
    },
    {
      heading: 'Base légale',
      paragraphs: [
        'Le traitement est nécessaire à l’exécution d’une mission d’intérêt public dont est investie la préfecture : l’accueil des usagers et l’instruction des demandes de titre de séjour (article 6, paragraphe 1, point e, du RGPD).',
      ],
    },
    {
      heading: 'Données recueillies',
      paragraphs: ['Seules les données que la démarche exige sont demandées :'],
      items: [
        'nom, prénom et date de naissance ;',
        'adresse électronique, et numéro de téléphone si vous le donnez ;',
        'selon la démarche : numéro étranger, date de fin de validité du titre de séjour, code postal du domicile ;',
        'le rendez-vous choisi (bureau, date, heure, démarche) et son historique (confirmation, annulation, présence) ;',
        'des données techniques : adresse IP et journaux de connexion, pour la sécurité du service.',
      ],
      after: [
        'Le service ne dépose que deux cookies strictement nécessaires : l’un protège les formulaires contre la falsification de requêtes, l’autre retient la langue choisie. Il n’y a ni mesure d’audience ni publicité.',
      ],
    },
    {
      heading: 'Durée de conservation',
      items: [
        'Les données d’un rendez-vous sont supprimées trois mois après sa date, ou après son annulation ou son expiration.',
        'Une demande de tirage au sort est conservée tant qu’elle attend. Retirée, close ou non retenue, elle est supprimée trois mois plus tard ; si elle a donné un rendez-vous, elle est supprimée avec lui. Le tirage publié ne la désigne que par son numéro.',
        'Les journaux techniques sont conservés un an.',
        'Les actions des agents sur votre rendez-vous (une correction d’identité, par exemple) sont inscrites au journal d’audit de la préfecture : les données personnelles qu’il en garde sont effacées au bout d’un an, et les entrées elles-mêmes au bout de cinq ans.',
      ],
    },
    {
      heading: 'Destinataires',
      paragraphs: [
        'Seuls les agents habilités du service des étrangers de la préfecture et des sous-préfectures du département accèdent à vos données, chacun pour les bureaux dont il a la charge. L’hébergeur du service les traite pour le compte de la préfecture, en France. Vos données ne sont ni vendues, ni cédées, ni transférées hors de l’Union européenne.',
      ],
    },
    {
      heading: 'Vos droits',
      paragraphs: [
        'Vous disposez d’un droit d’accès, de rectification, d’effacement et de limitation du traitement de vos données, ainsi que d’un droit d’opposition pour des raisons tenant à votre situation particulière.',
        'L’identité liée à un rendez-vous ne peut pas être modifiée : pour corriger une erreur, supprimez le rendez-vous depuis [Annuler, consulter et gérer mes demandes de rendez-vous](/rendez-vous/gerer) et prenez-en un nouveau.',
      ],
    },
    {
      heading: 'Exercer vos droits',
      paragraphs: [
        'Écrivez au délégué à la protection des données de la préfecture du département où vous avez pris rendez-vous, à l’adresse postale de la préfecture indiquée sur la page de son département, ou à l’adresse électronique indiquée sur son site internet. Joignez tout élément permettant de vous identifier.',
        'Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés : [déposer une plainte auprès de la CNIL](' +
          CNIL +
          '), ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.',
      ],
    },
  ],
};

const accessibilityFr: StaticPage = {
  title: 'Déclaration d’accessibilité',
  intro: [
    'La préfecture du département où vous prenez rendez-vous s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique au service de prise de rendez-vous Créneau.',
  ],
  sections: [
    {
      heading: 'État de conformité',
      paragraphs: [
        'Le service Créneau est partiellement conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, dans l’attente d’un audit de conformité.',
      ],
    },
    {
      heading: 'Résultats des tests',
      paragraphs: [
        'Aucun audit complet n’a encore été réalisé. Chaque page est vérifiée automatiquement, en français et en anglais, avec l’outil axe-core, sans erreur relevée, et les pages publiques le sont aussi en arabe ; ces vérifications ne couvrent qu’une partie des critères du RGAA.',
      ],
    },
    {
      heading: 'Contenus non accessibles',
      items: [
        'Les consignes propres à chaque bureau (adresses, modalités de dépôt) sont rédigées par les préfectures et ne sont disponibles qu’en français.',
        'Le contrôle de sécurité nécessite JavaScript ; il ne demande ni image ni son à déchiffrer.',
      ],
    },
    {
      heading: 'Établissement de cette déclaration',
      paragraphs: ['Cette déclaration a été établie le 22 novembre 2026.'],
    },
    {
      heading: 'Technologies utilisées',
      items: ['HTML5', 'CSS', 'WAI-ARIA', 'JavaScript', 'Système de design de l’État (DSFR)'],
    },
    {
      heading: 'Environnement de test',
      items: [
        'Chromium, dernière version, avec axe-core, sur un écran de 390 pixels de large et sur un écran d’ordinateur ;',
        'navigation au clavier seul ;',
        'les tests avec lecteurs d’écran (NVDA avec Firefox, VoiceOver avec Safari) seront menés lors de l’audit.',
      ],
    },
    {
      heading: 'Pages vérifiées',
      items: [
        'Accueil et recherche d’une commune',
        'Page d’un département',
        'Les cinq étapes de la prise de rendez-vous',
        'Confirmation, gestion et suppression d’un rendez-vous',
        'Aide, données personnelles, mentions légales et cette déclaration',
      ],
    },
    {
      heading: 'Retour d’information et contact',
      paragraphs: [
        'Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez la préfecture du département où vous prenez rendez-vous (ses coordonnées figurent sur la page de son département) pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.',
      ],
    },
    {
      heading: 'Voies de recours',
      paragraphs: [
        'Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :',
      ],
      items: [
        `écrire un message au Défenseur des droits : [formulaire de contact du Défenseur des droits](${DDD_FORM}) ;`,
        `contacter le délégué du Défenseur des droits dans votre région : [carte des délégués du Défenseur des droits](${DDD_DELEGATES}) ;`,
        'envoyer un courrier par la poste, gratuitement, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
      ],
    },
  ],
};

const legalFr: StaticPage = {
  title: 'Mentions légales',
  intro: [],
  sections: [
    {
      heading: 'Éditeur',
      paragraphs: [
        'Ce service est édité par la préfecture du département où vous prenez rendez-vous, pour le compte du ministère de l’Intérieur. L’adresse de chaque préfecture figure sur la page de son département.',
      ],
    },
    {
      heading: 'Directeur de la publication',
      paragraphs: ['Le préfet du département où vous prenez rendez-vous.'],
    },
    {
      heading: 'Hébergement',
      paragraphs: [
        'Le nom, l’adresse et le téléphone de l’hébergeur de ce service sont indiqués ici par la préfecture qui l’exploite, lors de sa mise en service.',
      ],
    },
    {
      heading: 'Logiciel libre',
      paragraphs: [
        `Créneau est un logiciel libre, publié sous la [licence publique de l’Union européenne (EUPL) version 1.2](${EUPL}) : chacun peut en lire le code source, le réutiliser et l’améliorer. Le code source est disponible auprès de l’éditeur.`,
        `Sauf mention contraire, les textes de ce site sont réutilisables sous la [Licence Ouverte 2.0 d’Etalab](${LICENCE_OUVERTE}).`,
      ],
    },
    {
      heading: 'Données personnelles et accessibilité',
      paragraphs: [
        'Voir la page [Données personnelles](/donnees-personnelles) et la [déclaration d’accessibilité](/accessibilite).',
      ],
    },
  ],
};

const fr = {
  privacy: privacyFr,
  accessibility: accessibilityFr,
  legal: legalFr,
};

const en: typeof fr = {
  privacy: privacyEn,
  accessibility: accessibilityEn,
  legal: legalEn,
};

const ar: typeof fr = {
  privacy: privacyAr,
  accessibility: accessibilityAr,
  legal: legalAr,
};

/** The personal data, accessibility and legal notice pages. */
export const staticContent: Catalog<typeof fr> = { fr, en, ar };

/** The national online service for renewing a récépissé, changing an address, a duplicate… (seeds/003). */
export const CONTACT_FORM_URL = CONTACTS;
