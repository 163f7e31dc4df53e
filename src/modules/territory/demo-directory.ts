// The Auvergne-Rhône-Alpes directory of seeds/002: for each office, how to apply for an admission
// exceptionnelle au séjour.

import type { Channel } from '../../db/schema.ts';
import type { DemoOffer } from './demo-data.ts';

const AES = 'admission-exceptionnelle';
type Details = Partial<Pick<DemoOffer, 'instructions' | 'contactEmail' | 'url' | 'postalAddress'>>;

/** An entry of the seeds/002 directory, last updated on 9 February 2023. */
function directory(site: string, channel: Channel, details: Details): DemoOffer {
  const base = { instructions: '', contactEmail: null, url: null, postalAddress: null };
  return {
    key: `${site}/${AES}`,
    procedure: AES,
    site,
    channel,
    ...base,
    ...details,
    updatedOn: '2023-02-09',
    openingRules: [],
  };
}

const AIN_AES: Details = {
  url: 'https://www.rdv.ain.gouv.fr/booking/create/941',
  contactEmail: 'pref-etrangers@ain.gouv.fr',
  instructions:
    'La demande se fait par voie dématérialisée : prenez rendez-vous en ligne. Prévoir un seul rendez-vous par personne ; les personnes accompagnatrices ne sont pas autorisées. Si aucune plage n’est disponible, reconnectez-vous ultérieurement (de préférence en début de semaine). N’oubliez pas de confirmer votre rendez-vous avec le courriel reçu.',
};
const LOIRE_AES: Details = {
  url: 'https://www.rdv.loire.gouv.fr/booking/create/804',
  instructions:
    'Module de réservation pour introduire une demande d’AES, étudiée seulement si vous résidez habituellement en France depuis plus de 5 ans, détenez un passeport en cours de validité et n’êtes visé ni par une obligation de quitter le territoire ou un refus de titre notifiés depuis moins d’un an, ni par une interdiction de retour, un arrêté d’expulsion ou une interdiction judiciaire du territoire. Lisez la liste des pièces : une copie A4 de chaque document et l’original ; tout dossier incomplet sera refusé. Si vous vivez en couple, votre conjoint doit vous accompagner. Aucun dossier n’est accepté par voie postale. Les plages sont mises à jour chaque lundi. Confirmez votre date en répondant au courriel reçu et présentez-vous avec votre convocation 10 minutes en avance.',
};

// For every office of seeds/002 that handles AES; the others "ne traitent pas les demandes d'AES"
// and get no offer. Vienne (38) is left out too: the directory says its links are dead.
export const DIRECTORY_OFFERS: readonly DemoOffer[] = [
  directory('01-bourg-en-bresse', 'external', AIN_AES),
  directory('01-gex', 'external', AIN_AES),
  directory('03-moulins', 'postal', {
    url: 'https://www.allier.gouv.fr/admission-exceptionnelle-au-sejour-a3659.html',
    postalAddress:
      "Préfecture de l'Allier\nBureau de la nationalité et des étrangers\n2 rue Michel de l'Hospital\nCS 31649 - 03016 Moulins Cedex",
    instructions:
      'La demande se fait par voie postale. Téléchargez le formulaire (https://www.allier.gouv.fr/IMG/pdf/skm_367_bne22042112500.pdf) et envoyez la demande, datée et signée, en recommandé avec accusé de réception : l’accusé de réception vaut preuve de dépôt du dossier.',
  }),
  directory('07-privas', 'email', {
    url: 'https://www.ardeche.gouv.fr/immigration-integration-informations-locales-r1322.html',
    contactEmail: 'pref-etrangers@ardeche.gouv.fr',
    instructions:
      'Le dépôt se fait uniquement sur rendez-vous, à demander par courriel en mentionnant vos nom et prénom et en joignant la copie recto verso de votre titre de séjour actuel, ou de votre passeport s’il s’agit d’une première demande. Le jour du rendez-vous, tout dossier incomplet sera refusé.',
  }),
  directory('15-aurillac', 'postal', {
    url: 'https://www.cantal.gouv.fr/etrangers-vos-demarches-r2931.html',
    contactEmail: 'pref-sve-sejour@cantal.gouv.fr',
    postalAddress:
      "Préfecture du Cantal\nBureau des migrations et de l'intégration\nBP 529\n15005 Aurillac Cedex",
    instructions:
      'Pour un titre de séjour au motif vie privée et familiale, salarié ou travailleur temporaire, stagiaire, saisonnier, jeune au pair ou étudiant en recherche d’emploi, adressez votre dossier complet par courrier.',
  }),
  directory('26-valence', 'postal', {
    url: 'https://www.drome.gouv.fr/titres-de-sejour-r2052.html',
    contactEmail: 'pref-sejour@drome.gouv.fr',
    postalAddress:
      'Préfecture de la Drôme – service des étrangers\n3 boulevard Vauban\n26030 Valence cedex 9',
    instructions:
      'Choisissez la liste de documents qui correspond à votre situation (https://www.drome.gouv.fr/cartes-de-sejour-1an-et-cartes-pluriannuelles-a7909.html) et envoyez votre dossier par courrier.',
  }),
  directory('38-grenoble', 'walk_in', {
    url: 'https://www.isere.gouv.fr/Demarches-administratives/Immigration-Naturalisation/Sejour/Demarches-bureau-accueil-sejour/Demarches-accomplies-au-bureau-Accueil-Sejour',
    instructions:
      'Si vous dépendez de l’arrondissement de Grenoble, présentez-vous le mercredi après-midi sans rendez-vous avec votre dossier. Attention, le nombre de tickets est limité.',
  }),
  directory('38-la-tour-du-pin', 'email', {
    url: 'https://www.isere.gouv.fr/Services-de-l-Etat/Prefecture-et-sous-prefectures/Sous-prefecture-de-La-Tour-du-Pin/Comment-effectuer-mes-demarches-immigration-en-sous-prefecture',
    contactEmail: 'pref-sptdpin-etrangers-d1@isere.gouv.fr',
    instructions:
      'Pour les résidents de l’arrondissement de La Tour-du-Pin : pour prendre rendez-vous, envoyez un courriel avec la fiche de renseignements (https://www.isere.gouv.fr/Outils/Annexes-Demarches/Titres-de-sejour-Liste-des-pieces/ref-doc-4-fiche-de-renseignements). Questions diverses (avancement du dossier…) : présentez-vous du lundi au vendredi entre 8h30 et 11h30 ou écrivez à pref-etrangers-sptdp@isere.gouv.fr.',
  }),
  directory('42-saint-etienne', 'external', LOIRE_AES),
  directory('42-montbrison', 'external', LOIRE_AES),
  directory('42-roanne', 'postal', {
    url: 'https://www.loire.gouv.fr/sous-prefecture-de-roanne-r940.html',
    postalAddress: 'Sous-préfecture de Roanne\nRue Joseph Déchelette\n42328 Roanne Cedex',
    instructions:
      'Téléchargez le formulaire (https://www.loire.gouv.fr/IMG/pdf/formulaire_de_premiere_demande_de_titre_spr.pdf) et adressez-le par voie postale, ou déposez-le dans la boîte aux lettres de la sous-préfecture, avec une enveloppe timbrée ; le service vous contactera lorsqu’il ouvrira votre dossier. Délai de traitement au 01/09/2022 : 4 mois. Permanence téléphonique au 04 77 23 64 64 le mardi et le jeudi de 14h à 16h.',
  }),
  directory('43-le-puy-en-velay', 'postal', {
    url: 'https://www.haute-loire.gouv.fr/informations-generales-sur-le-droit-des-etrangers-a3458.html',
    // Spelled as in the directory.
    contactEmail: 'pref-etranagers@haute-loire.gouv.fr',
    postalAddress:
      "Préfecture de la Haute-Loire\nBureau de l'immigration et de l'intégration\n6, avenue du général de Gaulle - CS 40321\n43009 Le Puy-en-Velay Cedex",
    instructions:
      'Envoyez votre demande uniquement par voie postale, ou déposez-la dans la boîte aux lettres à l’entrée de la préfecture. Téléchargez le formulaire de première demande (https://www.haute-loire.gouv.fr/IMG/pdf/1ere_demande_titre_de_sejour_v_nouvelle_charte_.pdf) : à peine d’irrecevabilité, il doit être complété, daté, signé et accompagné de son annexe et de toutes les pièces requises (3 photos, copie de toutes les pages du passeport, justificatif d’état civil, justificatif de domicile de moins de 6 mois, timbre fiscal de 50 €).',
  }),
  directory('63-clermont-ferrand', 'postal', {
    url: 'https://www.puy-de-dome.gouv.fr/depot-instruction-et-delivrance-de-titres-de-a8448.html',
    postalAddress:
      'Préfecture du Puy-de-Dôme\nCellule « Dépôt de demande de titre de séjour »\n18 boulevard Desaix\n63033 Clermont-Ferrand Cedex 01',
    instructions:
      'Déposez votre dossier dans la boîte aux lettres de la préfecture ou envoyez-le par courrier. Pour une question sur votre dossier : https://www.demarches-simplifiees.fr/commencer/formulaire-de-contact-63.',
  }),
  directory('69-lyon', 'external', {
    url: 'https://www.demarches-simplifiees.fr/commencer/premiere-demande-titre-de-sejour-prefecture-rhone',
    instructions:
      'Le dépôt se fait uniquement en ligne ; une fois la demande traitée, une convocation vous est envoyée par courriel. Démarche non ouverte aux bénéficiaires d’une protection internationale, aux étudiants étrangers et aux titulaires d’un VLS-TS validé. Aucune demande incomplète ou postale n’est traitée ; une seule demande par personne est examinée.',
  }),
  directory('73-chambery', 'external', {
    url: 'https://www.savoie.gouv.fr/Enquetes/Rendez-vous-pour-une-Admission-Exceptionnelle-au-Sejour-CESEDA-art.-L-435-1',
    instructions:
      'Complétez le formulaire en ligne de demande de rendez-vous pour une admission exceptionnelle au séjour.',
  }),
  directory('74-annecy', 'postal', {
    url: 'https://www.haute-savoie.gouv.fr/Demarches-administratives/Etrangers-en-Haute-Savoie/Demander-une-admission-exceptionnelle-au-sejour',
    postalAddress:
      "Préfecture de la Haute-Savoie\nBureau de l'accueil et du séjour des étrangers (BASE)\nSection admission exceptionnelle au séjour (AES)\nBP 2332 - 74034 Annecy cedex",
    instructions:
      'Depuis le 01/01/2023, la demande se fait uniquement par voie postale. Complétez le formulaire (vie privée et familiale, ou travail) et joignez les pièces justificatives, uniquement en photocopie. Cela concerne aussi les mineurs non accompagnés qui ne sont plus pris en charge par le conseil départemental.',
  }),
];
