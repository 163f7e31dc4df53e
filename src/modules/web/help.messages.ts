import { helpAr } from './help-ar.messages.ts';
import type { Catalog } from './i18n.ts';
import { CONTACT_FORM_URL, type Section } from './static.messages.ts';

// The help page: the questions of the Loiret FAQ (seeds/003), made general, and a few more.
// `[text](url)` is a link, as in static.ts.

/** Questions under one theme of the help page. */
export interface HelpGroup {
  heading: string;
  questions: Section[];
}

const C = CONTACT_FORM_URL;

const fr = {
  title: 'Aide',
  intro: [
    'Les réponses aux questions les plus fréquentes sur la prise de rendez-vous. Les règles propres à chaque département sont indiquées sur la page de ce département.',
  ],
  contentsHeading: 'Sommaire',
  groups: [
    {
      heading: 'Votre numéro étranger',
      questions: [
        {
          heading: 'Mon numéro étranger est indiqué comme invalide, que faire ?',
          items: [
            'Vérifiez que la date de fin de validité et le code postal saisis sont bien ceux indiqués sur votre titre de séjour.',
            'Le numéro étranger compte 10 chiffres. Si vous avez une carte de résident produite avant 2017, il n’en montre que 9 : ajoutez un 0 après les deux premiers chiffres. Par exemple, 208006503 devient 2008006503. Le formulaire vous propose lui-même le numéro corrigé.',
          ],
        },
        {
          heading: 'Où trouver mon numéro étranger ?',
          paragraphs: [
            'Il figure sur votre titre de séjour et sur votre récépissé. Si vous avez un visa long séjour valant titre de séjour (VLS-TS), il se trouve sur la vignette OFII collée dans votre passeport.',
          ],
        },
        {
          heading: 'Je prends rendez-vous pour un proche : quel numéro étranger indiquer ?',
          paragraphs: [
            'Indiquez le numéro étranger de votre proche, et son identité : le rendez-vous est lié à la personne qui se présentera au guichet et ne peut pas être transféré à une autre.',
            'La préfecture se réserve le droit de ne pas honorer un rendez-vous pris avec un mauvais numéro étranger.',
          ],
        },
      ],
    },
    {
      heading: 'Quelle démarche pour votre situation ?',
      questions: [
        {
          heading: 'Puis-je prendre rendez-vous si j’ai déjà un récépissé ?',
          paragraphs: [
            `Non. Demandez le renouvellement de votre récépissé sur le [formulaire en ligne du ministère de l’Intérieur pour les étrangers](${C}).`,
          ],
        },
        {
          heading: 'J’ai une autorisation provisoire de séjour (APS) : puis-je prendre rendez-vous ?',
          paragraphs: [
            `Non. Demandez son renouvellement sur le [formulaire en ligne du ministère de l’Intérieur pour les étrangers](${C}).`,
          ],
        },
        {
          heading:
            'Je souhaite une carte « étudiant – recherche d’emploi ou création d’entreprise » ou une APS Master : quelle démarche choisir ?',
          paragraphs: [
            'Prenez rendez-vous pour un renouvellement de titre de séjour, depuis [la page de votre département](/).',
          ],
        },
        {
          heading: 'Je veux changer de statut (par exemple d’étudiant à salarié) : que faire ?',
          paragraphs: [
            'Prenez rendez-vous pour un renouvellement de titre de séjour, depuis [la page de votre département](/), avec les pièces propres à votre nouveau motif de séjour (par exemple votre contrat de travail).',
          ],
        },
        {
          heading:
            'Comment renouveler mon récépissé, déclarer un changement d’adresse, demander un duplicata ou un document de circulation pour étranger mineur (DCEM) ?',
          paragraphs: [
            `Ces demandes ne se font pas sur rendez-vous : déposez-les obligatoirement sur le [formulaire en ligne du ministère de l’Intérieur pour les étrangers](${C}).`,
          ],
        },
        {
          heading: 'J’ai envoyé mon dossier par courrier et je n’ai pas reçu de convocation : que faire ?',
          items: [
            'Pour un renouvellement, prenez rendez-vous en ligne depuis [la page de votre département](/).',
            'Pour une première demande, suivez la modalité indiquée sur la page de votre département (rendez-vous, service en ligne, courrier ou courriel).',
          ],
        },
      ],
    },
    {
      heading: 'Rendez-vous et plages',
      questions: [
        {
          heading: 'Pourquoi n’y a-t-il aucune plage disponible ?',
          paragraphs: [
            'Le nombre de rendez-vous dépend du nombre de guichets ouverts. De nouvelles plages sont publiées régulièrement et les places libérées par une annulation sont proposées de nouveau. Il n’existe pas d’autres dates que celles affichées : prenez un rendez-vous, même éloigné, et revenez de temps en temps.',
            'Les titres de séjour d’une durée supérieure à un an restent valables trois mois après leur date d’expiration (article L.433-3 du CESEDA). Si votre situation est urgente, la page de votre département indique les autres moyens de contacter la préfecture.',
          ],
        },
        {
          heading: 'Le service est-il payant ?',
          paragraphs: [
            'Non. La prise de rendez-vous est gratuite, et les démarches liées au droit du séjour des étrangers sont gratuites en dehors des taxes dues pour le titre. Aucune entreprise n’est agréée par la préfecture pour réaliser ces procédures, et aucune n’a d’accès privilégié aux rendez-vous. N’achetez jamais un rendez-vous : signalez toute offre de ce genre à la préfecture.',
          ],
        },
        {
          heading: 'Comment annuler, consulter ou changer mon rendez-vous ?',
          paragraphs: [
            'Suivez le lien reçu par courriel, ou allez sur [Annuler, consulter et gérer mes demandes de rendez-vous](/rendez-vous/gerer) et saisissez votre adresse électronique : vous recevrez un lien vers vos rendez-vous.',
          ],
        },
        {
          heading: 'Ma carte de séjour est disponible : comment venir la récupérer ?',
          paragraphs: [
            'Seules les personnes ayant reçu un SMS peuvent venir récupérer leur titre, aux jours et heures indiqués par leur préfecture (par exemple du lundi au vendredi de 9 h à 12 h), ou sur rendez-vous lorsque la démarche « Remise de titre de séjour » est proposée dans leur département.',
          ],
        },
      ],
    },
  ] satisfies HelpGroup[],
};

const en: typeof fr = {
  title: 'Help',
  intro: [
    'Answers to the most frequent questions about booking an appointment. The rules of each département are given on the page of that département.',
  ],
  contentsHeading: 'Contents',
  groups: [
    {
      heading: 'Your foreigner number',
      questions: [
        {
          heading: 'My foreigner number is said to be invalid: what should I do?',
          items: [
            'Check that the expiry date and postal code you typed are the ones shown on your residence permit.',
            'The foreigner number has 10 digits. If you have a resident card made before 2017, it shows only 9: add a 0 after the first two digits. For example, 208006503 becomes 2008006503. The form itself suggests the corrected number.',
          ],
        },
        {
          heading: 'Where do I find my foreigner number?',
          paragraphs: [
            'It is printed on your residence permit and on your récépissé (receipt). If you hold a long-stay visa equivalent to a residence permit (VLS-TS), it is on the OFII sticker in your passport.',
          ],
        },
        {
          heading: 'I am booking for a relative: which foreigner number should I give?',
          paragraphs: [
            'Give your relative’s foreigner number and identity: the appointment is bound to the person who will come to the counter and cannot be transferred to someone else.',
            'The préfecture may refuse an appointment booked with a wrong foreigner number.',
          ],
        },
      ],
    },
    {
      heading: 'Which procedure for your situation?',
      questions: [
        {
          heading: 'Can I book an appointment if I already have a récépissé?',
          paragraphs: [
            `No. Ask for the renewal of your récépissé on the [online form of the Ministry of the Interior for foreign nationals](${C}).`,
          ],
        },
        {
          heading: 'I hold a temporary residence authorisation (APS): can I book an appointment?',
          paragraphs: [
            `No. Ask for its renewal on the [online form of the Ministry of the Interior for foreign nationals](${C}).`,
          ],
        },
        {
          heading:
            'I want a “student – job seeking or business creation” card or a Master’s APS: which procedure should I choose?',
          paragraphs: [
            'Book an appointment for a residence permit renewal, from [your département’s page](/).',
          ],
        },
        {
          heading: 'I want to change status (for example from student to employee): what should I do?',
          paragraphs: [
            'Book an appointment for a residence permit renewal, from [your département’s page](/), with the documents for your new ground of residence (for example your employment contract).',
          ],
        },
        {
          heading:
            'How do I renew my récépissé, report a change of address, ask for a duplicate or a travel document for a foreign minor (DCEM)?',
          paragraphs: [
            `These requests are not made by appointment: you must file them on the [online form of the Ministry of the Interior for foreign nationals](${C}).`,
          ],
        },
        {
          heading: 'I sent my file by post and have not received a convocation: what should I do?',
          items: [
            'For a renewal, book an appointment online from [your département’s page](/).',
            'For a first application, follow the channel given on your département’s page (appointment, online service, post or email).',
          ],
        },
      ],
    },
    {
      heading: 'Appointments and slots',
      questions: [
        {
          heading: 'Why is there no slot available?',
          paragraphs: [
            'The number of appointments depends on the number of counters open. New slots are published regularly, and seats freed by a cancellation are offered again. There are no dates other than those shown: book an appointment, even a distant one, and come back from time to time.',
            'Residence permits valid for more than one year remain valid for three months after their expiry date (Article L.433-3 of the CESEDA). If your situation is urgent, your département’s page gives the other ways to contact the préfecture.',
          ],
        },
        {
          heading: 'Do I have to pay for this service?',
          paragraphs: [
            'No. Booking is free, and residence procedures for foreign nationals are free apart from the taxes due for the permit. No company is approved by the préfecture to carry out these procedures, and none has privileged access to appointments. Never buy an appointment: report any such offer to the préfecture.',
          ],
        },
        {
          heading: 'How do I cancel, view or change my appointment?',
          paragraphs: [
            'Follow the link you received by email, or go to [Cancel, view and manage my appointments](/rendez-vous/gerer) and type your email address: you will receive a link to your appointments.',
          ],
        },
        {
          heading: 'My residence card is ready: how do I collect it?',
          paragraphs: [
            'Only people who received a text message (SMS) may come to collect their permit, on the days and at the hours given by their préfecture (for example Monday to Friday, 9 am to 12 noon), or by appointment where the “Remise de titre de séjour” (permit pick-up) procedure is offered in their département.',
          ],
        },
      ],
    },
  ],
};

/** The help page's questions and answers. */
/** The shape of the help page's texts, which every language's catalog has. */
export type HelpMessages = typeof fr;

export const help: Catalog<typeof fr> = { fr, en, ar: helpAr };
