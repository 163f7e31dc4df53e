import type { StaticPage } from './static.messages.ts';
import { CNIL, DDD_DELEGATES, DDD_FORM, EUPL_EN, LICENCE_OUVERTE } from './static-links.ts';

// The information pages in English, typed as the French ones in static.messages.ts.

/** The personal data page in English. */
export const privacyEn: StaticPage = {
  title: 'Personal data',
  intro: [
    'This page explains which data the Créneau appointment service collects, why, how long it is kept and how to exercise your rights, under the General Data Protection Regulation (GDPR) and the French Data Protection Act.',
  ],
  sections: [
    {
      heading: 'Data controller',
      paragraphs: [
        'The controller is the préfecture of the département where you book your appointment, represented by the préfet, jointly with the Ministry of the Interior, which provides the service. The contact details of each préfecture are on the page of its département.',
      ],
    },
    {
      heading: 'Why your data is processed',
      items: [
        'To manage your appointment requests: booking, confirmation, convocation, reminder, cancellation, change of slot and reception at the counter.',
        'To fight fraud and the resale of appointments: one identity can hold only one active appointment per procedure.',
        'To measure waiting times and unmet demand, through anonymous statistics.',
      ],
    },
    {
      heading: 'Legal basis',
      paragraphs: [
        'The processing is necessary for a task carried out in the public interest vested in the préfecture: receiving the public and examining residence permit applications (Article 6(1)(e) GDPR).',
      ],
    },
    {
      heading: 'Data collected',
      paragraphs: ['Only the data the procedure requires is asked for:'],
      items: [
        'surname, first name and date of birth;',
        'email address, and phone number if you give it;',
        'depending on the procedure: foreigner number, expiry date of the residence permit, postal code of your home;',
        'the appointment chosen (office, date, time, procedure) and its history (confirmation, cancellation, attendance);',
        'technical data: IP address and connection logs, for the security of the service.',
      ],
      after: [
        'The service sets only two strictly necessary cookies: one protects forms against request forgery, the other remembers the language you chose. There is no audience measurement and no advertising.',
      ],
    },
    {
      heading: 'Retention',
      items: [
        'The data of an appointment is deleted three months after its date, or after it was cancelled or expired.',
        'A request for a draw is kept while it waits. Once withdrawn, closed or not granted, it is deleted three months later; if it led to an appointment, it is deleted with it. The published draw names it only by its number.',
        'Technical logs are kept for one year.',
        'The agents’ actions on your appointment (an identity correction, for instance) are written to the préfecture’s audit log: the personal data it keeps of them is erased after one year, and the entries themselves after five years.',
      ],
    },
    {
      heading: 'Recipients',
      paragraphs: [
        'Only the authorised staff of the foreigners’ service of the préfecture and sous-préfectures of the département access your data, each for the offices they are in charge of. The host of the service processes it on behalf of the préfecture, in France. Your data is never sold, passed on or transferred outside the European Union.',
      ],
    },
    {
      heading: 'Your rights',
      paragraphs: [
        'You have the right of access, rectification, erasure and restriction of processing of your data, and the right to object on grounds relating to your particular situation.',
        'The identity bound to an appointment cannot be changed: to correct a mistake, delete the appointment from [Cancel, view and manage my appointments](/rendez-vous/gerer) and book a new one.',
      ],
    },
    {
      heading: 'How to exercise your rights',
      paragraphs: [
        'Write to the data protection officer of the préfecture of the département where you booked, at the postal address of the préfecture given on the page of its département, or at the email address given on its website. Include anything that helps identify you.',
        'If, after contacting us, you consider that your rights are not respected, you may lodge a complaint with the French data protection authority: [file a complaint with the CNIL](' +
          CNIL +
          '), or by post: CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France.',
      ],
    },
  ],
};

/** The accessibility statement in English. */
export const accessibilityEn: StaticPage = {
  title: 'Accessibility statement',
  intro: [
    'The préfecture of the département where you book your appointment is committed to making its digital services accessible, under Article 47 of French law no. 2005-102 of 11 February 2005. This accessibility statement applies to the Créneau appointment service.',
  ],
  sections: [
    {
      heading: 'Compliance status',
      paragraphs: [
        'The Créneau service is partially compliant with the French accessibility standard (RGAA), version 4.1, pending a compliance audit.',
      ],
    },
    {
      heading: 'Test results',
      paragraphs: [
        'No full audit has been carried out yet. Every page is checked automatically, in French and in English, with the axe-core tool, with no error found, and the public pages in Arabic too; these checks cover only part of the RGAA criteria.',
      ],
    },
    {
      heading: 'Non-accessible content',
      items: [
        'The instructions of each office (addresses, how to apply) are written by the préfectures and are available in French only.',
        'The security check requires JavaScript; it asks for no image or sound to decipher.',
      ],
    },
    {
      heading: 'Preparation of this statement',
      paragraphs: ['This statement was drawn up on 22 November 2026.'],
    },
    {
      heading: 'Technologies used',
      items: ['HTML5', 'CSS', 'WAI-ARIA', 'JavaScript', 'French State design system (DSFR)'],
    },
    {
      heading: 'Test environment',
      items: [
        'Chromium, latest version, with axe-core, on a 390-pixel-wide screen and on a desktop screen;',
        'keyboard-only navigation;',
        'tests with screen readers (NVDA with Firefox, VoiceOver with Safari) will be carried out during the audit.',
      ],
    },
    {
      heading: 'Pages checked',
      items: [
        'Home page and commune search',
        'Page of a département',
        'The five steps of booking an appointment',
        'Confirming, managing and deleting an appointment',
        'Help, personal data, legal notice and this statement',
      ],
    },
    {
      heading: 'Feedback and contact',
      paragraphs: [
        'If you cannot access some content or a service, contact the préfecture of the département where you book (its contact details are on the page of its département) to be directed to an accessible alternative or to get the content in another form.',
      ],
    },
    {
      heading: 'Remedies',
      paragraphs: [
        'If you reported an accessibility issue that prevents you from accessing content or a service and did not get a satisfactory answer, you can:',
      ],
      items: [
        `write to the Défenseur des droits (French Defender of Rights): [contact form of the Défenseur des droits](${DDD_FORM});`,
        `contact the delegate of the Défenseur des droits in your region: [map of the Défenseur des droits delegates](${DDD_DELEGATES});`,
        'send a letter by post, free of charge, without a stamp: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07, France.',
      ],
    },
  ],
};

/** The legal notice in English. */
export const legalEn: StaticPage = {
  title: 'Legal notice',
  intro: [],
  sections: [
    {
      heading: 'Publisher',
      paragraphs: [
        'This service is published by the préfecture of the département where you book your appointment, on behalf of the Ministry of the Interior. The address of each préfecture is on the page of its département.',
      ],
    },
    {
      heading: 'Publication director',
      paragraphs: ['The préfet of the département where you book your appointment.'],
    },
    {
      heading: 'Hosting',
      paragraphs: [
        'The name, address and phone number of the host of this service are given here by the préfecture that runs it, when it is put into service.',
      ],
    },
    {
      heading: 'Free software',
      paragraphs: [
        `Créneau is free software, published under the [European Union Public Licence (EUPL) version 1.2](${EUPL_EN}): anyone may read its source code, reuse it and improve it. The source code is available from the publisher.`,
        `Unless stated otherwise, the texts of this site may be reused under [Etalab’s Open Licence 2.0](${LICENCE_OUVERTE}).`,
      ],
    },
    {
      heading: 'Personal data and accessibility',
      paragraphs: [
        'See the [Personal data](/donnees-personnelles) page and the [accessibility statement](/accessibilite).',
      ],
    },
  ],
};
