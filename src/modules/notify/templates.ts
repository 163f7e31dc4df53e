import type { Locale } from '../../db/schema.ts';

/** What an email says about one booking; times are instants, shown in the site's `timezone`. */
export interface BookingSummary {
  reference: string;
  procedureTitle: string;
  siteName: string;
  siteAddress: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  durationMinutes: number;
  firstName: string;
  lastName: string;
  holdExpiresAt: Date;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

// An email is a list of blocks rendered twice, as plain text and as HTML, so the two never drift apart.
type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'action'; label: string; url: string }
  | { type: 'details'; rows: [label: string, value: string][] };

// Arabic messages are not written yet: 'ar' falls back to French, the language of the administration.
type Language = 'fr' | 'en';
const languageOf = (locale: Locale): Language => (locale === 'en' ? 'en' : 'fr');

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// Building an Intl.DateTimeFormat costs far more than using one (it was the largest JavaScript cost of a
// booking rush in the benchmark): keep one per language, zone and style.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'time', timeZone: string, language: Language): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${language}`;
  let format = formats.get(key);
  if (!format) {
    format =
      kind === 'date'
        ? new Intl.DateTimeFormat(language, {
            timeZone,
            weekday: 'long',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
          })
        : new Intl.DateTimeFormat(language, {
            timeZone,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          });
    formats.set(key, format);
  }
  return format;
}

function formatDate(at: Date, timeZone: string, language: Language): string {
  return formatter('date', timeZone, language).format(at);
}

function formatTime(at: Date, timeZone: string, language: Language): string {
  return formatter('time', timeZone, language).format(at);
}

const copy = {
  fr: {
    separator: ' : ',
    hello: (b: BookingSummary) => `Bonjour ${b.firstName} ${b.lastName},`,
    linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
    footer: 'Ce courriel a été envoyé automatiquement : merci de ne pas y répondre.',
    labels: {
      nature: 'Nature',
      date: 'Date',
      time: 'Heure',
      duration: 'Durée',
      reference: 'Référence',
      place: 'Lieu',
      address: 'Adresse',
    },
    duration: (minutes: number) => `${minutes} mn`,
    manageAll: 'Annuler, consulter et gérer mes demandes de rendez-vous',
    manage: 'Gérer vos demandes de rendez-vous',
    confirmRequest: {
      subject: (b: BookingSummary) => `Confirmez votre demande de rendez-vous (réf. ${b.reference})`,
      remind:
        "N'oubliez pas de confirmer votre rendez-vous : tant qu'il n'est pas confirmé, il n'est pas enregistré.",
      action: 'Confirmer mon rendez-vous',
      how: "Ouvrez le lien ci-dessous, puis validez sur la page qui s'affiche.",
      held: (date: string, time: string) =>
        `La place est réservée pour vous jusqu'au ${date} à ${time} (heure locale). Sans confirmation d'ici là, elle sera libérée pour d'autres personnes.`,
      notYou:
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : sans confirmation, elle sera annulée automatiquement.",
    },
    confirmed: {
      subject: (b: BookingSummary) => `Votre rendez-vous est confirmé (réf. ${b.reference})`,
      intro: 'Nous vous confirmons que votre demande de rendez-vous a été enregistrée.',
      attached:
        'Vous trouverez ci-joint votre convocation (à imprimer ou à présenter sur votre téléphone) et le rendez-vous à ajouter à votre agenda.',
      arrive:
        'Le jour du rendez-vous, présentez-vous 10 minutes en avance avec votre convocation et toutes les pièces requises pour votre demande (1 rendez-vous = 1 personne = 1 dossier). Sans elles, vous ne serez pas reçu et devrez prendre un nouveau rendez-vous.',
      cancelHint: 'Si vous ne pouvez pas venir, annulez votre rendez-vous pour libérer la place.',
    },
    cancelled: {
      subject: (b: BookingSummary) => `Confirmation d'annulation de rendez-vous (réf. ${b.reference})`,
      intro: (date: string, time: string) => `Votre rendez-vous du ${date} à ${time} a été annulé.`,
      again: 'Si vous avez encore besoin de ce rendez-vous, vous pouvez faire une nouvelle demande.',
    },
    rescheduled: {
      subject: (b: BookingSummary) => `Votre rendez-vous a été déplacé (réf. ${b.reference})`,
      intro:
        'Votre rendez-vous a bien été déplacé sur le nouveau créneau ci-dessous ; l’ancien créneau est libéré.',
      letter: 'Votre nouvelle convocation est jointe à ce courriel : l’ancienne n’est plus valable.',
    },
    manageLink: {
      subject: 'Vos demandes de rendez-vous',
      hello: 'Bonjour,',
      intro: 'Voici le lien pour consulter, télécharger ou annuler vos demandes de rendez-vous.',
      personal: 'Ce lien est personnel : ne le transmettez à personne.',
      notYou: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.",
    },
  },
  en: {
    separator: ': ',
    hello: (b: BookingSummary) => `Hello ${b.firstName} ${b.lastName},`,
    linkFallback: 'If the button does not work, copy this address into your browser:',
    footer: 'This email was sent automatically: please do not reply.',
    labels: {
      nature: 'Appointment',
      date: 'Date',
      time: 'Time',
      duration: 'Duration',
      reference: 'Reference',
      place: 'Office',
      address: 'Address',
    },
    duration: (minutes: number) => `${minutes} min`,
    manageAll: 'Cancel, view and manage my appointment requests',
    manage: 'Manage your appointment requests',
    confirmRequest: {
      subject: (b: BookingSummary) => `Confirm your appointment request (ref. ${b.reference})`,
      remind: 'Do not forget to confirm your appointment: until you confirm it, it is not booked.',
      action: 'Confirm my appointment',
      how: 'Open the link below, then confirm on the page that appears.',
      held: (date: string, time: string) =>
        `Your place is held until ${date} at ${time} (local time). If you do not confirm by then, it will be released for other people.`,
      notYou:
        'If you did not make this request, ignore this email: without confirmation it will be cancelled automatically.',
    },
    confirmed: {
      subject: (b: BookingSummary) => `Your appointment is confirmed (ref. ${b.reference})`,
      intro: 'We confirm that your appointment request has been recorded.',
      attached:
        'Your appointment letter (to print or show on your phone) and a calendar file are attached to this email.',
      arrive:
        'On the day, arrive 10 minutes early with your appointment letter and all the documents required for your application (1 appointment = 1 person = 1 application). Without them you will not be seen and will have to book a new appointment.',
      cancelHint: 'If you cannot come, cancel your appointment so that someone else can have the place.',
    },
    cancelled: {
      subject: (b: BookingSummary) => `Your appointment has been cancelled (ref. ${b.reference})`,
      intro: (date: string, time: string) => `Your appointment on ${date} at ${time} has been cancelled.`,
      again: 'If you still need this appointment, you can make a new request.',
    },
    rescheduled: {
      subject: (b: BookingSummary) => `Your appointment has been moved (ref. ${b.reference})`,
      intro: 'Your appointment has been moved to the new slot below; the previous slot has been released.',
      letter: 'Your new appointment letter is attached to this email: the previous one is no longer valid.',
    },
    manageLink: {
      subject: 'Your appointment requests',
      hello: 'Hello,',
      intro: 'Here is the link to view, download or cancel your appointment requests.',
      personal: 'This link is personal: do not share it with anyone.',
      notYou: 'If you did not ask for it, ignore this email.',
    },
  },
} as const;

type Copy = (typeof copy)[Language];

function appointmentDetails(b: BookingSummary, language: Language, c: Copy): Block {
  return {
    type: 'details',
    rows: [
      [c.labels.nature, b.procedureTitle],
      [c.labels.date, formatDate(b.startsAt, b.timezone, language)],
      [c.labels.time, formatTime(b.startsAt, b.timezone, language)],
      [c.labels.duration, c.duration(b.durationMinutes)],
      [c.labels.reference, b.reference],
      [c.labels.place, b.siteName],
      [c.labels.address, b.siteAddress],
    ],
  };
}

/** The email that asks the applicant to confirm a pending booking before its hold expires (PRODUCT §4.3 step 5). */
export function confirmRequestEmail(
  booking: BookingSummary,
  links: { confirmUrl: string; manageUrl: string },
  locale: Locale,
): EmailContent {
  const language = languageOf(locale);
  const c = copy[language];
  const held = c.confirmRequest.held(
    formatDate(booking.holdExpiresAt, booking.timezone, language),
    formatTime(booking.holdExpiresAt, booking.timezone, language),
  );
  return render(language, c.confirmRequest.subject(booking), [
    { type: 'paragraph', text: c.hello(booking) },
    { type: 'paragraph', text: c.confirmRequest.remind },
    { type: 'paragraph', text: c.confirmRequest.how },
    { type: 'action', label: c.confirmRequest.action, url: links.confirmUrl },
    { type: 'paragraph', text: held },
    appointmentDetails(booking, language, c),
    { type: 'action', label: c.manageAll, url: links.manageUrl },
    { type: 'paragraph', text: c.confirmRequest.notYou },
  ]);
}

/** The email sent once a booking is confirmed, worded after the préfectures' own (seeds/000). */
export function confirmedEmail(
  booking: BookingSummary,
  links: { manageUrl: string },
  locale: Locale,
): EmailContent {
  const language = languageOf(locale);
  const c = copy[language];
  return render(language, c.confirmed.subject(booking), [
    { type: 'paragraph', text: c.hello(booking) },
    { type: 'paragraph', text: c.confirmed.intro },
    { type: 'paragraph', text: c.confirmed.attached },
    appointmentDetails(booking, language, c),
    { type: 'paragraph', text: c.confirmed.arrive },
    { type: 'paragraph', text: c.confirmed.cancelHint },
    { type: 'action', label: c.manage, url: links.manageUrl },
  ]);
}

/** The email that confirms the applicant's cancellation of a booking (seeds/000). */
export function cancelledEmail(booking: BookingSummary, locale: Locale): EmailContent {
  const language = languageOf(locale);
  const c = copy[language];
  const intro = c.cancelled.intro(
    formatDate(booking.startsAt, booking.timezone, language),
    formatTime(booking.startsAt, booking.timezone, language),
  );
  return render(language, c.cancelled.subject(booking), [
    { type: 'paragraph', text: c.hello(booking) },
    { type: 'paragraph', text: intro },
    appointmentDetails(booking, language, c),
    { type: 'paragraph', text: c.cancelled.again },
  ]);
}

/** The email sent when the applicant moves a booking to another slot; `confirmed` adds the new letter. */
export function rescheduledEmail(
  booking: BookingSummary,
  links: { manageUrl: string },
  options: { confirmed: boolean },
  locale: Locale,
): EmailContent {
  const language = languageOf(locale);
  const c = copy[language];
  const blocks: Block[] = [
    { type: 'paragraph', text: c.hello(booking) },
    { type: 'paragraph', text: c.rescheduled.intro },
    appointmentDetails(booking, language, c),
  ];
  if (options.confirmed) blocks.push({ type: 'paragraph', text: c.rescheduled.letter });
  blocks.push(
    { type: 'paragraph', text: c.confirmed.arrive },
    { type: 'action', label: c.manage, url: links.manageUrl },
  );
  return render(language, c.rescheduled.subject(booking), blocks);
}

/** The email with a fresh link to the page where a person manages their bookings. */
export function manageLinkEmail(links: { manageUrl: string }, locale: Locale): EmailContent {
  const language = languageOf(locale);
  const c = copy[language];
  return render(language, c.manageLink.subject, [
    { type: 'paragraph', text: c.manageLink.hello },
    { type: 'paragraph', text: c.manageLink.intro },
    { type: 'action', label: c.manage, url: links.manageUrl },
    { type: 'paragraph', text: c.manageLink.personal },
    { type: 'paragraph', text: c.manageLink.notYou },
  ]);
}

function render(language: Language, subject: string, blocks: Block[]): EmailContent {
  const c = copy[language];
  const all: Block[] = [...blocks, { type: 'paragraph', text: c.footer }];
  return { subject, text: renderText(all, c), html: renderHtml(all, language, subject, c) };
}

function renderText(blocks: Block[], c: Copy): string {
  const parts = blocks.map((block) => {
    if (block.type === 'paragraph') return block.text;
    if (block.type === 'action') return `${block.label}${c.separator.trimEnd()}\n${block.url}`;
    return block.rows.map(([label, value]) => `${label}${c.separator}${value}`).join('\n');
  });
  return `${parts.join('\n\n')}\n`;
}

const styles = {
  body: 'margin:0;padding:16px;background:#f6f6f6;',
  card: 'max-width:600px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#161616;',
  paragraph: 'margin:0 0 16px;',
  button:
    'display:inline-block;padding:10px 20px;background:#000091;color:#ffffff;text-decoration:none;font-weight:bold;',
  fallback: 'margin:0 0 16px;font-size:13px;color:#666666;word-break:break-all;',
  table: 'border-collapse:collapse;margin:0 0 16px;',
  th: 'text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold;',
  td: 'vertical-align:top;padding:4px 0;',
};

function renderHtml(blocks: Block[], language: Language, subject: string, c: Copy): string {
  const parts = blocks.map((block) => {
    if (block.type === 'paragraph') return `<p style="${styles.paragraph}">${escapeHtml(block.text)}</p>`;
    if (block.type === 'action') {
      const url = escapeHtml(block.url);
      return (
        `<p style="${styles.paragraph}"><a href="${url}" style="${styles.button}">${escapeHtml(block.label)}</a></p>\n` +
        `<p style="${styles.fallback}">${escapeHtml(c.linkFallback)}<br><a href="${url}">${url}</a></p>`
      );
    }
    const rows = block.rows.map(
      ([label, value]) =>
        `<tr><th scope="row" style="${styles.th}">${escapeHtml(label)}</th><td style="${styles.td}">${escapeHtml(value)}</td></tr>`,
    );
    return `<table role="presentation" style="${styles.table}">\n${rows.join('\n')}\n</table>`;
  });
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="${styles.body}">
<div style="${styles.card}">
${parts.join('\n')}
</div>
</body>
</html>
`;
}
