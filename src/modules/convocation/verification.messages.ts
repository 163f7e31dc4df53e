import type { Catalog } from '../web/i18n.ts';

// The verification page of a convocation's QR code (/verifier).

const fr = {
  title: 'Vérifier une convocation',
  intro:
    'Scannez le code QR de la convocation, ou saisissez le code de vérification qu’il contient. Le code prouve que la convocation a été émise par Créneau et n’a pas été modifiée.',
  codeLabel: 'Code de vérification',
  codeHint:
    'Il commence par « c1. » pour une convocation, par « r1. » pour un récépissé de demande, par « a1. » pour une attestation d’indisponibilité',
  codeMissing: 'Saisissez le code de vérification.',
  submit: 'Vérifier',
  genuineTitle: 'Convocation authentique',
  genuineText:
    'Cette convocation a été émise par Créneau et n’a pas été modifiée. Comparez l’identité ci-dessous avec la pièce d’identité présentée.',
  stale: 'Attention : ce rendez-vous a depuis été annulé ou déplacé. Cette convocation n’est plus valable.',
  unknownTitle: 'Code non reconnu',
  unknownText: "Code non reconnu : cette convocation n'a pas été émise par Créneau ou a été modifiée.",
  another: 'Vérifier un autre code',
  caption: 'Ce que la convocation certifie',
  labels: {
    reference: 'Référence',
    lastName: 'Nom',
    firstName: 'Prénom',
    birthDate: 'Date de naissance',
    dateTime: 'Date et heure',
    office: 'Lieu',
  },
  receipt: {
    genuineTitle: 'Récépissé authentique',
    genuineText:
      'Ce récépissé a été émis par Créneau et n’a pas été modifié : la demande ci-dessous a bien été enregistrée à la date indiquée.',
    updated: 'Cette demande a été modifiée depuis : un récépissé plus récent existe.',
    ended: 'Cette demande n’est plus en attente d’un tirage (retirée, attribuée ou close).',
    waiting: 'Cette demande est toujours en attente d’un tirage.',
    unknownText: "Code non reconnu : ce récépissé n'a pas été émis par Créneau ou a été modifié.",
    caption: 'Ce que le récépissé certifie',
    labels: {
      label: 'N° de demande',
      procedure: 'Démarche',
      offices: 'Lieux acceptés',
      halfDays: 'Demi-journées',
      earliest: 'À partir du',
      submittedAt: 'Enregistrée le',
      issuedAt: 'Récépissé établi le',
    },
  },
  certificate: {
    genuineTitle: 'Attestation authentique',
    genuineText:
      'Cette attestation d’indisponibilité a été délivrée par Créneau et n’a pas été modifiée : à la date indiquée, la recherche ci-dessous a donné ce résultat.',
    unknownText: "Code non reconnu : cette attestation n'a pas été délivrée par Créneau ou a été modifiée.",
    caption: 'Ce que l’attestation certifie',
    officesCaption: 'Lieux consultés',
    labels: {
      issuedAt: 'Délivrée le',
      lastName: 'Nom',
      firstName: 'Prénom',
      birthDate: 'Date de naissance',
      procedure: 'Démarche',
      nextFree: 'Prochaine date libre',
      request: 'Demande en attente',
      lost: 'Tirages perdus',
      waitingSince: 'En attente depuis le',
      office: 'Lieu',
      dates: 'Dates consultées',
      firstFree: 'Première plage libre',
    },
    none: 'Aucune',
    byDraw: 'Tirage au sort',
    noDate: 'Aucune date publiée',
    range: (from: string, to: string) => `du ${from} au ${to}`,
  },
};

const en: typeof fr = {
  title: 'Check an appointment letter',
  intro:
    'Scan the QR code of the appointment letter, or type the verification code it holds. The code proves that the letter was issued by Créneau and has not been altered.',
  codeLabel: 'Verification code',
  codeHint:
    'It starts with “c1.” for an appointment letter, with “r1.” for a request’s receipt, with “a1.” for a certificate of unavailability',
  codeMissing: 'Enter the verification code.',
  submit: 'Check',
  genuineTitle: 'Genuine appointment letter',
  genuineText:
    'This appointment letter was issued by Créneau and has not been altered. Compare the identity below with the identity document shown.',
  stale: 'Warning: this appointment has since been cancelled or moved. This letter is no longer valid.',
  unknownTitle: 'Code not recognised',
  unknownText: 'Code not recognised: this appointment letter was not issued by Créneau or has been altered.',
  another: 'Check another code',
  caption: 'What the appointment letter certifies',
  labels: {
    reference: 'Reference',
    lastName: 'Surname',
    firstName: 'First name',
    birthDate: 'Date of birth',
    dateTime: 'Date and time',
    office: 'Office',
  },
  receipt: {
    genuineTitle: 'Genuine receipt',
    genuineText:
      'This receipt was issued by Créneau and has not been altered: the request below was recorded at the time shown.',
    updated: 'This request has been changed since: a more recent receipt exists.',
    ended: 'This request is no longer waiting for a draw (withdrawn, given an appointment or closed).',
    waiting: 'This request is still waiting for a draw.',
    unknownText: 'Code not recognised: this receipt was not issued by Créneau or has been altered.',
    caption: 'What the receipt certifies',
    labels: {
      label: 'Request no.',
      procedure: 'Procedure',
      offices: 'Offices accepted',
      halfDays: 'Half-days',
      earliest: 'From',
      submittedAt: 'Recorded on',
      issuedAt: 'Receipt issued on',
    },
  },
  certificate: {
    genuineTitle: 'Genuine certificate',
    genuineText:
      'This certificate of unavailability was issued by Créneau and has not been altered: at the time shown, the search below gave this result.',
    unknownText: 'Code not recognised: this certificate was not issued by Créneau or has been altered.',
    caption: 'What the certificate certifies',
    officesCaption: 'Offices searched',
    labels: {
      issuedAt: 'Issued on',
      lastName: 'Surname',
      firstName: 'First name',
      birthDate: 'Date of birth',
      procedure: 'Procedure',
      nextFree: 'Next free date',
      request: 'Waiting request',
      lost: 'Draws lost',
      waitingSince: 'Waiting since',
      office: 'Office',
      dates: 'Dates searched',
      firstFree: 'First free slot',
    },
    none: 'None',
    byDraw: 'Draw',
    noDate: 'No date published',
    range: (from, to) => `from ${from} to ${to}`,
  },
};

export const convocation: Catalog<typeof fr> = { fr, en };
