import type { Locale } from '../../db/schema.ts';
import { directionOf, messagesFor } from '../web/i18n.ts';
import { type NotifyMessages, notifyMessages } from './notify.messages.ts';

/** A rendered email: what the transport sends. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** What an email says about one booking; times are instants, shown in the site's `timezone`. */
export interface BookingSummary {
  reference: string;
  procedureTitle: string;
  siteName: string;
  siteAddress: string;
  startsAt: Date;
  timezone: string;
  durationMinutes: number;
  firstName: string;
  lastName: string;
  holdExpiresAt: Date;
}

// An email is a list of blocks rendered twice, as plain text and as HTML, so the two never drift apart.
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'action'; label: string; url: string }
  | { type: 'details'; rows: [label: string, value: string][] };

// Every locale has its emails' texts (decision 0045): an email is written, and its dates formatted,
// in the booking's language. Arabic reads right to left.

/** The language an email is written in, and its texts. */
export interface Writing {
  language: Locale;
  t: NotifyMessages;
}

/** How to write to someone who reads `locale`. */
export function writingFor(locale: Locale): Writing {
  return { language: locale, t: messagesFor(notifyMessages, locale) };
}

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

function formatter(kind: 'date' | 'time', timeZone: string, language: Locale): Intl.DateTimeFormat {
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

/** The local date and time of an instant in a site's zone, as an email writes them. */
export function localDateTime(at: Date, timeZone: string, w: Writing): { date: string; time: string } {
  return {
    date: formatter('date', timeZone, w.language).format(at),
    time: formatter('time', timeZone, w.language).format(at),
  };
}

/** The table of an appointment: nature, date, time, duration, reference, place and address. */
export function appointmentDetails(b: BookingSummary, w: Writing): Block {
  const { t } = w;
  const { date, time } = localDateTime(b.startsAt, b.timezone, w);
  return {
    type: 'details',
    rows: [
      [t.labels.nature, b.procedureTitle],
      [t.labels.date, date],
      [t.labels.time, time],
      [t.labels.duration, t.duration(b.durationMinutes)],
      [t.labels.reference, b.reference],
      [t.labels.place, b.siteName],
      [t.labels.address, b.siteAddress],
    ],
  };
}

/** Renders an email's blocks, followed by the common footer, as plain text and as HTML. */
export function renderEmail(w: Writing, subject: string, blocks: Block[]): EmailContent {
  const all: Block[] = [...blocks, { type: 'paragraph', text: w.t.footer }];
  return { subject, text: renderText(all, w.t), html: renderHtml(all, w, subject) };
}

function renderText(blocks: Block[], t: NotifyMessages): string {
  const parts = blocks.map((block) => {
    if (block.type === 'paragraph') return block.text;
    if (block.type === 'action') return `${block.label}${t.separator.trimEnd()}\n${block.url}`;
    return block.rows.map(([label, value]) => `${label}${t.separator}${value}`).join('\n');
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
  thRtl: 'text-align:right;vertical-align:top;padding:4px 0 4px 16px;font-weight:bold;',
  td: 'vertical-align:top;padding:4px 0;',
};

function renderHtml(blocks: Block[], w: Writing, subject: string): string {
  const rtl = directionOf(w.language) === 'rtl';
  const parts = blocks.map((block) => {
    if (block.type === 'paragraph') return `<p style="${styles.paragraph}">${escapeHtml(block.text)}</p>`;
    if (block.type === 'action') {
      const url = escapeHtml(block.url);
      return (
        `<p style="${styles.paragraph}"><a href="${url}" style="${styles.button}">${escapeHtml(block.label)}</a></p>\n` +
        `<p style="${styles.fallback}">${escapeHtml(w.t.linkFallback)}<br><a href="${url}">${url}</a></p>`
      );
    }
    const rows = block.rows.map(
      ([label, value]) =>
        `<tr><th scope="row" style="${rtl ? styles.thRtl : styles.th}">${escapeHtml(label)}</th><td style="${styles.td}">${escapeHtml(value)}</td></tr>`,
    );
    return `<table role="presentation" style="${styles.table}">\n${rows.join('\n')}\n</table>`;
  });
  return `<!doctype html>
<html lang="${w.language}"${rtl ? ' dir="rtl"' : ''}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="${styles.body}">
<div style="${styles.card}">
${parts.join('\n')}
</div>
</body>
</html>
`;
}
