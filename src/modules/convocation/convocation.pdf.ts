// The convocation PDF the applicant prints and brings to the counter, made in-process with pdfkit.
//
// It uses pdfkit's standard Helvetica, so no font file ships with Créneau and the text stays real,
// extractable text (for screen readers and for copy-paste). The price: standard fonts only know the
// WinAnsi (Windows-1252) characters. French is fully covered (é è à ç œ ’ « » … € included), but some
// Latin names are not (Łukasz, Nguyễn, Şahin): `toWinAnsi` brings those to the nearest letter it can
// draw rather than letting pdfkit print garbage.

import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { type LocalizedText, textsIn } from '../territory/localized-text.ts';
import { messagesFor } from '../web/i18n.ts';
import { convocationMessages } from './convocation.messages.ts';

/** Everything a convocation shows; `startsAt` is an instant, shown in the site's `timezone`. */
export interface ConvocationInput {
  reference: string;
  procedureTitle: string;
  durationMinutes: number;
  documents: string[];
  siteName: string;
  siteAddress: string;
  startsAt: Date;
  timezone: string;
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  foreignerNumber: string | null;
  /** The office's advice on when and how to come (null: nothing particular). */
  arrivalAdvice: LocalizedText | null;
  /** What the counter requires to receive the applicant (null: nothing particular). */
  admissionRule: LocalizedText | null;
  /** The signed token of `qr-token.ts`. */
  qrToken: string;
  /** The page that checks a token, e.g. `${PUBLIC_URL}/verifier`. */
  verifyUrl: string;
  locale: 'fr' | 'en' | 'ar';
}

type Wording = (typeof convocationMessages)['fr']['pdf'];

// WinAnsi beyond Latin-1: the characters Windows-1252 puts in 0x80–0x9F, which pdfkit maps.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹Œ‘’“”•–—˜™š›œžŸŽ');
const LOOKALIKES: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  ʼ: '’',
  '‐': '-',
  '‑': '-',
  '−': '-',
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
}

/** Text a standard PDF font can draw: letters outside WinAnsi become the nearest one (ễ → ê, ş → s). */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text.normalize('NFC')) {
    if (char === '\n' || isWinAnsi(char)) result += char;
    // Intl and French typography use narrow and thin no-break spaces; WinAnsi has the plain one.
    else if (/[\u2000-\u200a\u202f\u205f]/u.test(char)) result += '\u00a0';
    else if (/\s/u.test(char)) result += ' ';
    else if (LOOKALIKES[char] !== undefined) result += LOOKALIKES[char];
    else result += nearestWinAnsi(char);
  }
  return result;
}

/** The base letter with as many of its accents as WinAnsi has a letter for: ễ (e ̂ ̃) → ê. */
function nearestWinAnsi(char: string): string {
  const [base = '', ...marks] = [...char.normalize('NFD')];
  if (!isWinAnsi(base)) return /\p{M}|\p{C}/u.test(char) ? '' : '?';
  let letter = base;
  for (const mark of marks) {
    const combined = (letter + mark).normalize('NFC');
    if ([...combined].length === 1 && isWinAnsi(combined)) letter = combined;
  }
  return letter;
}

function formatStart(startsAt: Date, timeZone: string, wording: Wording): string {
  return new Intl.DateTimeFormat(wording.intlLocale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(startsAt);
}

// Identity documents in France show dd/mm/yyyy; the agent compares the two side by side.
function formatBirthDate(birthDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  return match === null ? birthDate : `${match[3]}/${match[2]}/${match[1]}`;
}

/** The URL the QR code carries: the verification page with the token as `code`. */
export function verificationLink(verifyUrl: string, qrToken: string): string {
  return `${verifyUrl}${verifyUrl.includes('?') ? '&' : '?'}code=${qrToken}`;
}

/** The page margin of Créneau's PDFs: 2 cm. */
export const MARGIN = 56;
/** The side of a PDF's QR code. */
export const QR_SIZE = 150;
const LABEL_WIDTH = 130;
/** Secondary text. */
export const GREY = '#555555';
/** The French State's blue (DSFR). */
export const BLUE = '#000091';

type Doc = PDFKit.PDFDocument;

/** Renders the A4 convocation with its QR code; the text stays extractable. */
export function renderConvocationPdf(input: ConvocationInput): Promise<Buffer> {
  const { language, pdf: wording } = messagesFor(convocationMessages, input.locale);
  // In the document's language, not the booking's: the standard fonts cannot draw an Arabic version.
  const advice = textsIn([input.arrivalAdvice, input.admissionRule], language);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: wording.pdfLang,
    displayTitle: true,
    // The metadata travels with the file (indexed, shown by viewers): the reference, no identity.
    info: { Title: `Convocation ${input.reference}`, Creator: 'Créneau', Producer: 'Créneau' },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const contentWidth = doc.page.width - 2 * MARGIN;
  const put = toWinAnsi;

  // Header, left of the QR code: the office, the title, the reference.
  const qrX = doc.page.width - MARGIN - QR_SIZE;
  const headerWidth = contentWidth - QR_SIZE - 20;
  doc.fillColor(BLUE).font('Helvetica-Bold').fontSize(12);
  doc.text(put(input.siteName), MARGIN, MARGIN, { width: headerWidth });
  doc.moveDown(0.8).fillColor('black').fontSize(28).text(put(wording.title), { width: headerWidth });
  if (wording.subtitle !== null) {
    doc.font('Helvetica').fontSize(12).fillColor(GREY).text(wording.subtitle, { width: headerWidth });
  }
  doc.moveDown(0.6).font('Helvetica').fontSize(12).fillColor('black');
  doc.text(put(wording.reference), { continued: true, width: headerWidth });
  doc.font('Helvetica-Bold').text(put(input.reference));
  const headerBottom = doc.y;

  drawQrCode(doc, verificationLink(input.verifyUrl, input.qrToken), qrX, MARGIN, QR_SIZE);
  doc.font('Helvetica').fontSize(8).fillColor(GREY);
  doc.text(put(wording.qrCaption), qrX, MARGIN + QR_SIZE + 4, { width: QR_SIZE, align: 'center' });
  doc.y = Math.max(headerBottom, doc.y + 10);

  section(doc, put(wording.appointment));
  row(doc, put(wording.procedure), put(input.procedureTitle));
  row(doc, put(wording.dateTime), put(formatStart(input.startsAt, input.timezone, wording)), true);
  row(doc, put(wording.durationLabel), put(wording.duration(input.durationMinutes)));
  row(doc, put(wording.place), put(`${input.siteName}\n${input.siteAddress}`));

  section(doc, put(wording.identity));
  row(doc, put(wording.lastName), put(input.lastName), true);
  row(doc, put(wording.firstName), put(input.firstName), true);
  row(doc, put(wording.birthDate), formatBirthDate(input.birthDate));
  if (input.foreignerNumber !== null) row(doc, put(wording.foreignerNumber), put(input.foreignerNumber));

  if (input.documents.length > 0) {
    section(doc, put(wording.documents));
    doc.font('Helvetica').fontSize(10.5).fillColor('black');
    doc.list(input.documents.map(put), MARGIN, doc.y, {
      width: contentWidth - 15,
      bulletRadius: 2,
      textIndent: 12,
      paragraphGap: 3,
    });
  }

  if (advice.length > 0) notice(doc, advice.map(put), contentWidth);

  doc.moveDown(1.5).font('Helvetica').fontSize(8).fillColor(GREY);
  doc.text(put(wording.footer(input.verifyUrl)), MARGIN, doc.y, { width: contentWidth });

  doc.end();
  return finished;
}

/** Starts a new page when fewer than `height` points are left on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** A section's title with a rule under it. */
export function section(doc: Doc, title: string): void {
  doc.moveDown(1.2);
  ensureSpace(doc, 60);
  doc.font('Helvetica-Bold').fontSize(13).fillColor(BLUE).text(title, MARGIN, doc.y);
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.5)
    .strokeColor(BLUE)
    .stroke();
  doc.y = y + 6;
}

/** A label and its value side by side; the value may wrap over several lines. */
export function row(doc: Doc, label: string, value: string, strong = false): void {
  const valueX = MARGIN + LABEL_WIDTH;
  const valueWidth = doc.page.width - MARGIN - valueX;
  doc.fontSize(10.5);
  const height = doc
    .font(strong ? 'Helvetica-Bold' : 'Helvetica')
    .heightOfString(value, { width: valueWidth });
  ensureSpace(doc, height);
  const top = doc.y;
  doc
    .font('Helvetica')
    .fillColor(GREY)
    .text(label, MARGIN, top, { width: LABEL_WIDTH - 10 });
  doc.font(strong ? 'Helvetica-Bold' : 'Helvetica').fillColor('black');
  doc.text(value, valueX, top, { width: valueWidth });
  doc.y = Math.max(doc.y, top + height) + 4;
}

/** The office's advice and the procedure's rule (seeds/000 and seeds/002), in a framed box nobody can miss. */
export function notice(doc: Doc, paragraphs: string[], width: number): void {
  const padding = 10;
  const innerWidth = width - 2 * padding;
  doc.font('Helvetica-Bold').fontSize(10.5);
  const height =
    paragraphs.reduce((total, text) => total + doc.heightOfString(text, { width: innerWidth }), 0) +
    (paragraphs.length - 1) * 4 +
    2 * padding;
  doc.moveDown(1.2);
  ensureSpace(doc, height);
  const top = doc.y;
  doc.rect(MARGIN, top, width, height).fillAndStroke('#f5f5fe', BLUE);
  doc.fillColor('black');
  doc.y = top + padding;
  for (const text of paragraphs) {
    doc.text(text, MARGIN + padding, doc.y, { width: innerWidth, paragraphGap: 4 });
  }
  doc.y = top + height;
}

/** Draws the QR code as vector squares (sharp at any print size, no image to embed). */
export function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  // Level M survives a fold or a stain on the paper and keeps the link readable at this size.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quietZone = 4; // modules of white around the code, required by readers
  const cell = size / (modules.size + 2 * quietZone);
  doc.save();
  for (let r = 0; r < modules.size; r++) {
    let c = 0;
    while (c < modules.size) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < modules.size && modules.get(r, c)) c++;
      // A hair of overlap so that viewers do not show seams between adjacent squares.
      const left = x + (quietZone + start) * cell;
      doc.rect(left, y + (quietZone + r) * cell, (c - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('black').restore();
}
