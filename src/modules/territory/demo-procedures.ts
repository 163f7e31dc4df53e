// The demo procedures: the four appointments of the seeds, with what to bring and what it costs.

import type { DemoProcedure } from './demo-data.ts';

const PASSPORT =
  'Passeport en cours de validité (pages relatives à l’état civil, aux dates de validité, aux visas)';
const HOME_PROOF =
  'Justificatif de domicile de moins de 6 mois (ou attestation d’hébergement avec la pièce d’identité et un justificatif de domicile de l’hébergeant)';
const PHOTOS = '3 photos d’identité récentes et identiques, conformes aux normes';

// What the counter requires (procedure.admission_rule), as the préfectures' pages say it.
const ONE_FILE = {
  fr: '1 rendez-vous = 1 personne = 1 dossier. Sans toutes les pièces requises, vous ne serez pas reçu(e) et devrez prendre un nouveau rendez-vous.',
  en: '1 appointment = 1 person = 1 application. Without all the documents required, you will not be seen and will have to book a new appointment.',
};
const SMS_ONLY = {
  fr: 'Seules les personnes ayant reçu un SMS les informant que leur titre est disponible peuvent venir le récupérer.',
  en: 'Only people who received a text message saying that their permit is ready may come and collect it.',
};

export const DEMO_PROCEDURES: readonly DemoProcedure[] = [
  {
    code: 'renouvellement-titre',
    title:
      '3.1 Renouvellement de visa de long séjour valant titre de séjour, carte de séjour temporaire ou pluriannuelle, autorisation provisoire de séjour',
    description:
      'Dépôt au guichet de votre demande de renouvellement. Munissez-vous de votre numéro étranger et de la date de fin de validité de votre titre. Venez personnellement, à l’heure du rendez-vous, avec votre convocation et votre dossier complet : 1 rendez-vous = 1 personne = 1 dossier.',
    audience:
      'Étrangers titulaires d’un titre de séjour ou d’un visa long séjour valant titre de séjour, domiciliés dans le département, dont le titre expire dans les trois mois ou a expiré depuis moins de six mois.',
    durationMinutes: 20,
    documents: [
      'Convocation imprimée',
      PASSPORT,
      'Titre de séjour ou visa long séjour en cours (original et copie)',
      HOME_PROOF,
      PHOTOS,
      'Justificatifs propres au motif de séjour (contrat de travail, certificat de scolarité, acte de mariage…)',
    ],
    fees: 'La prise de rendez-vous est gratuite. À la remise du titre : taxe de 225 € pour la plupart des cartes de séjour (200 € de taxe et 25 € de droit de timbre), en timbres fiscaux achetés en bureau de tabac ou sur timbres.impots.gouv.fr.',
    requiresForeignerNumber: true,
    requiresTitleExpiry: true,
    requiresPostalCode: true,
    // seeds/001: "expiration dans les trois mois ou qui a expiré dans les six mois".
    titleExpiryWithinDays: 92,
    titleExpiredSinceDays: 183,
    admissionRule: ONE_FILE,
  },
  {
    code: 'premiere-demande',
    title: 'Première demande de titre de séjour',
    description:
      'Dépôt au guichet d’une première demande de carte de séjour, pour les personnes qui n’ont jamais eu de titre de séjour en France. Téléchargez et remplissez le dossier correspondant à votre situation avant le rendez-vous ; tout dossier incomplet sera refusé.',
    audience:
      'Étrangers majeurs domiciliés dans le département qui demandent un titre de séjour pour la première fois, hors démarches à accomplir en ligne sur le site de l’ANEF.',
    durationMinutes: 30,
    documents: [
      'Convocation imprimée',
      PASSPORT,
      'Extrait d’acte de naissance avec filiation (traduit par un traducteur agréé le cas échéant)',
      HOME_PROOF,
      PHOTOS,
      'Formulaire de demande complété, daté et signé',
      'Timbre fiscal de 50 € (taxe d’examen, non remboursable)',
    ],
    fees: 'La prise de rendez-vous est gratuite. Taxe d’examen de 50 € au dépôt, non remboursable ; le solde de la taxe, selon le titre, est dû à sa délivrance.',
    requiresForeignerNumber: false,
    requiresTitleExpiry: false,
    requiresPostalCode: true,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
    admissionRule: ONE_FILE,
  },
  {
    code: 'admission-exceptionnelle',
    title: 'Admission exceptionnelle au séjour (article L.435-1 du CESEDA)',
    description:
      'Demande de régularisation d’une personne en situation irrégulière, examinée au cas par cas : cette admission n’est pas un droit. Les modalités de dépôt (courrier, courriel, sans rendez-vous, service en ligne) diffèrent selon le département et le bureau.',
    audience:
      'Étrangers résidant habituellement en France, sans titre de séjour, qui font valoir des motifs exceptionnels ou humanitaires (vie privée et familiale, travail), y compris les anciens mineurs non accompagnés.',
    durationMinutes: 30,
    documents: [
      'Formulaire de demande d’admission exceptionnelle au séjour complété, daté et signé',
      PASSPORT,
      'Justificatifs de présence en France pour chaque année (avis d’imposition, attestations AME, bulletins de salaire…)',
      HOME_PROOF,
      PHOTOS,
      'Selon le motif : bulletins de salaire, promesse d’embauche ou justificatifs de liens familiaux en France',
    ],
    fees: 'La demande est gratuite. Droit de visa de régularisation : 200 € dont 50 € non remboursables, perçus lors du dépôt ; le solde de 150 € n’est dû qu’en cas de décision favorable, en plus de la taxe du titre délivré.',
    requiresForeignerNumber: false,
    requiresTitleExpiry: false,
    requiresPostalCode: true,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
    admissionRule: ONE_FILE,
  },
  {
    code: 'remise-titre',
    title: 'Remise de titre de séjour',
    description:
      'Retrait au guichet de votre carte de séjour une fois fabriquée. Seules les personnes ayant reçu un SMS les informant que leur titre est disponible peuvent venir le récupérer.',
    audience: 'Étrangers ayant reçu un SMS ou un courriel indiquant que leur titre de séjour est prêt.',
    durationMinutes: 10,
    documents: [
      'SMS ou courriel de mise à disposition du titre',
      'Récépissé ou ancien titre de séjour',
      PASSPORT,
      'Timbres fiscaux correspondant à la taxe du titre, s’ils n’ont pas été fournis au dépôt',
    ],
    fees: 'Gratuit, hors timbres fiscaux de la taxe du titre s’ils n’ont pas été fournis au dépôt.',
    requiresForeignerNumber: true,
    requiresTitleExpiry: false,
    requiresPostalCode: false,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
    admissionRule: SMS_ONLY,
  },
  {
    code: 'renouvellement-carte-resident',
    title: 'Renouvellement de carte de résident (10 ans)',
    description:
      'Renouvellement d’une carte de résident ou d’une carte de résident de longue durée-UE arrivant à expiration.',
    audience: 'Titulaires d’une carte de résident de dix ans domiciliés dans le département.',
    durationMinutes: 20,
    documents: ['Carte de résident en cours (original et copie)', PASSPORT, HOME_PROOF, PHOTOS],
    fees: 'Taxe de 225 € à la remise de la carte (200 € de taxe et 25 € de droit de timbre), en timbres fiscaux.',
    requiresForeignerNumber: true,
    requiresTitleExpiry: true,
    requiresPostalCode: true,
    titleExpiryWithinDays: 92,
    titleExpiredSinceDays: 183,
    admissionRule: ONE_FILE,
  },
];
