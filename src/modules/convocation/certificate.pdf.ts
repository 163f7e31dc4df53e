// The certificate of unavailability (attestation d'indisponibilité de rendez-vous) as a PDF, made
// in-process with pdfkit like the convocation, with the same standard font (see convocation.pdf.ts)
// and its signed code as a QR code and as text.

import PDFDocument from 'pdfkit';
import { messagesFor } from '../web/i18n.ts';
import { certificateMessages } from './certificate-pdf.messages.ts';
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

/** One office as the certificate lists it. */
export interface CertificateOffice {
  name: string;
  address: string;
  channel: 'booking' | 'draw';
  /** Booking: the last day published (YYYY-MM-DD); before `searchedFrom` when none is. */
  through: string | null;
  nextFree: Date | null;
}

/** Everything a certificate shows; instants are shown in the offices' `timezone`. */
export interface CertificateInput {
  issuedAt: Date;
  timezone: string;
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** Printed when the person typed one; never in the signed code. */
  foreignerNumber: string | null;
  procedureTitle: string;
  departmentName: string;
  /** YYYY-MM-DD, the first day searched. */
  searchedFrom: string;
  offices: CertificateOffice[];
  nextFree: Date | null;
  request: { label: string; lost: number; createdAt: Date } | null;
  /** Which "no request" is true: the person's (opened by their link), or the identity with the typed address. */
  requestLookup: 'person' | 'typed';
  /** The signed code of certificate-token.ts. */
  code: string;
  /** The page that checks a code, e.g. `${PUBLIC_URL}/verifier`. */
  verifyUrl: string;
  locale: 'fr' | 'en' | 'ar';
}

type Wording = (typeof certificateMessages)['fr'];
type Doc = PDFKit.PDFDocument;

const DAY_MS = 86_400_000;

function instant(at: Date, timeZone: string, m: Wording): string {
  return new Intl.DateTimeFormat(m.intlLocale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
}

/** A date in words; a YYYY-MM-DD date as such, an instant as its date in `timeZone`. */
function day(date: string | Date, m: Wording, timeZone = 'UTC'): string {
  const format = { timeZone, day: 'numeric', month: 'long', year: 'numeric' } as const;
  const at = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
  return new Intl.DateTimeFormat(m.intlLocale, format).format(at);
}

/** Identity documents in France show dd/mm/yyyy. */
function birthDate(date: string): string {
  return date.split('-').reverse().join('/');
}

/** Whole days between two instants. */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

function officeLines(office: CertificateOffice, input: CertificateInput, m: Wording): string {
  const lines = [office.name, office.address];
  if (office.channel === 'draw') return [...lines, m.byDraw].join('\n');
  const through = office.through;
  lines.push(
    through === null || through < input.searchedFrom
      ? m.noDatePublished
      : m.datesSearched(day(input.searchedFrom, m), day(through, m)),
  );
  lines.push(office.nextFree ? m.firstFree(instant(office.nextFree, input.timezone, m)) : m.noneFree);
  return lines.join('\n');
}

function searchSection(doc: Doc, input: CertificateInput, m: Wording): void {
  const put = toWinAnsi;
  section(doc, put(m.search));
  row(doc, put(m.procedure), put(input.procedureTitle));
  row(doc, put(m.department), put(input.departmentName));
  row(doc, put(m.searchedAt), put(instant(input.issuedAt, input.timezone, m)));
  const offices = input.offices.map((office) => officeLines(office, input, m)).join('\n\n');
  row(doc, put(m.offices), put(offices || m.noOffice));
  const next = input.nextFree ? instant(input.nextFree, input.timezone, m) : m.none;
  row(doc, put(m.nextFree), put(next), true);
}

function requestSection(doc: Doc, input: CertificateInput, m: Wording): void {
  const put = toWinAnsi;
  section(doc, put(m.request));
  const request = input.request;
  if (!request) {
    doc.font('Helvetica').fontSize(10.5).fillColor('black');
    doc.text(put(input.requestLookup === 'person' ? m.noRequest : m.noRequestTyped), MARGIN, doc.y);
    return;
  }
  row(doc, put(m.label), request.label, true);
  row(doc, put(m.lost), String(request.lost));
  const since = day(request.createdAt, m, input.timezone);
  const days = m.waitingDays(daysBetween(request.createdAt, input.issuedAt));
  row(doc, put(m.waitingSince), put(`${since} (${days})`));
}

/** Renders the A4 certificate with its QR code and its verification code; the text stays extractable. */
export function renderCertificatePdf(input: CertificateInput): Promise<Buffer> {
  const m = messagesFor(certificateMessages, input.locale);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: m.pdfLang,
    displayTitle: true,
    // The metadata travels with the file (indexed, shown by viewers): no identity in it.
    info: { Title: toWinAnsi(m.title), Creator: 'Créneau', Producer: 'Créneau' },
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

  doc.fillColor(BLUE).font('Helvetica-Bold').fontSize(20);
  doc.text(put(m.title), MARGIN, MARGIN, { width: headerWidth });
  doc.moveDown(0.4).font('Helvetica').fontSize(12).fillColor('black');
  doc.text(put(m.issuedAt(instant(input.issuedAt, input.timezone, m))), { width: headerWidth });
  const headerBottom = doc.y;
  drawQrCode(doc, verificationLink(input.verifyUrl, input.code), qrX, MARGIN, QR_SIZE);
  doc.font('Helvetica').fontSize(8).fillColor(GREY);
  doc.text(put(m.qrCaption), qrX, MARGIN + QR_SIZE + 4, { width: QR_SIZE, align: 'center' });
  doc.y = Math.max(headerBottom, doc.y + 10);

  section(doc, put(m.person));
  row(doc, put(m.lastName), put(input.lastName), true);
  row(doc, put(m.firstName), put(input.firstName), true);
  row(doc, put(m.birthDate), birthDate(input.birthDate));
  if (input.foreignerNumber) row(doc, put(m.foreignerNumber), input.foreignerNumber);
  searchSection(doc, input, m);
  requestSection(doc, input, m);
  notice(doc, [put(m.statement)], contentWidth);

  section(doc, put(m.verification));
  doc.font('Helvetica').fontSize(10.5).fillColor(GREY).text(put(m.code), MARGIN, doc.y);
  // The code as text too, to type at /verifier when no camera reads the QR code.
  doc.font('Courier').fontSize(7).fillColor('black').text(input.code, MARGIN, doc.y, { width: contentWidth });
  doc.moveDown(1.5).font('Helvetica').fontSize(8).fillColor(GREY);
  doc.text(put(m.footer(input.verifyUrl)), MARGIN, doc.y, { width: contentWidth });
  doc.end();
  return finished;
}
