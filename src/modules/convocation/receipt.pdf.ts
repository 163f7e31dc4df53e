// A request's receipt (récépissé) as a PDF, made in-process with pdfkit like the convocation, with the
// same standard font (see convocation.pdf.ts) and its signed code as a QR code and as text.

import PDFDocument from 'pdfkit';
import { messagesFor } from '../web/i18n.ts';
import {
  BLUE,
  drawQrCode,
  GREY,
  MARGIN,
  notice,
  QR_SIZE,
  row,
  section,
  toWinAnsi,
  verificationLink,
} from './convocation.pdf.ts';
import { receiptMessages } from './receipt.messages.ts';

/** Everything a receipt shows, already in words (the half-days, the date) except the instants. */
export interface ReceiptInput {
  label: string;
  procedureTitle: string;
  offices: { name: string; address: string }[];
  /** The accepted half-days, written out ("lundi matin, mardi après-midi", or "Toutes"). */
  halfDays: string;
  /** The earliest date, written out, or the words for "any date". */
  earliest: string;
  submittedAt: Date;
  issuedAt: Date;
  /** The offices' zone, in which the instants are shown. */
  timezone: string;
  /** The signed code of receipt-token.ts. */
  code: string;
  /** The page that checks a code, e.g. `${PUBLIC_URL}/verifier`. */
  verifyUrl: string;
  locale: 'fr' | 'en' | 'ar';
}

function formatInstant(at: Date, timeZone: string, intlLocale: string): string {
  return new Intl.DateTimeFormat(intlLocale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
}

/** Renders the A4 receipt with its QR code and its verification code; the text stays extractable. */
export function renderReceiptPdf(input: ReceiptInput): Promise<Buffer> {
  const m = messagesFor(receiptMessages, input.locale);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: m.pdfLang,
    displayTitle: true,
    info: { Title: `Récépissé ${input.label}`, Creator: 'Créneau', Producer: 'Créneau' },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const put = toWinAnsi;
  const contentWidth = doc.page.width - 2 * MARGIN;
  const qrX = doc.page.width - MARGIN - QR_SIZE;
  const headerWidth = contentWidth - QR_SIZE - 20;

  doc
    .fillColor(BLUE)
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(put(m.title), MARGIN, MARGIN, { width: headerWidth });
  doc.font('Helvetica').fontSize(12).fillColor(GREY).text(put(m.subtitle), { width: headerWidth });
  doc.moveDown(0.6).fillColor('black').text(put(m.label), { continued: true, width: headerWidth });
  doc.font('Helvetica-Bold').text(input.label);
  const headerBottom = doc.y;
  drawQrCode(doc, verificationLink(input.verifyUrl, input.code), qrX, MARGIN, QR_SIZE);
  doc.font('Helvetica').fontSize(8).fillColor(GREY);
  doc.text(put(m.qrCaption), qrX, MARGIN + QR_SIZE + 4, { width: QR_SIZE, align: 'center' });
  doc.y = Math.max(headerBottom, doc.y + 10);

  section(doc, put(m.request));
  row(doc, put(m.procedure), put(input.procedureTitle));
  row(doc, put(m.offices), put(input.offices.map((o) => `${o.name}, ${o.address}`).join('\n')));
  row(doc, put(m.halfDays), put(input.halfDays));
  row(doc, put(m.earliest), put(input.earliest));
  row(doc, put(m.submittedAt), put(formatInstant(input.submittedAt, input.timezone, m.intlLocale)), true);
  row(doc, put(m.issuedAt), put(formatInstant(input.issuedAt, input.timezone, m.intlLocale)));
  notice(doc, [put(m.fairness)], contentWidth);

  section(doc, put(m.verification));
  doc.font('Helvetica').fontSize(10.5).fillColor(GREY).text(put(m.code), MARGIN, doc.y);
  // The code as text too, to type at /verifier when no camera reads the QR code.
  doc
    .font('Courier')
    .fontSize(7.5)
    .fillColor('black')
    .text(input.code, MARGIN, doc.y, { width: contentWidth });
  doc.moveDown(1.5).font('Helvetica').fontSize(8).fillColor(GREY);
  doc.text(put(m.footer(input.verifyUrl)), MARGIN, doc.y, { width: contentWidth });
  doc.end();
  return finished;
}
