import type { Config } from '../../config.ts';
import { renderReceiptPdf } from '../convocation/receipt.pdf.ts';
import { signReceipt } from '../convocation/receipt-token.ts';
import { describeEarliest, describeHalfDays } from './half-days.messages.ts';
import type { RequestDetails } from './requests.repository.ts';

// The receipt of a request (PRODUCT §5: "everyone gets a signed, timestamped receipt"): signed when it
// is made, for the request as it was last submitted.

/** The signed code of a request's receipt, timestamped `now`. */
export function receiptCode(details: RequestDetails, secretKey: string, now: Date): string {
  return signReceipt(
    {
      label: details.label,
      procedureId: details.procedureId,
      siteIds: details.siteIds,
      halfDays: details.halfDays,
      earliest: details.earliest,
      submittedAt: details.updatedAt.toISOString(),
      issuedAt: now.toISOString(),
    },
    secretKey,
  );
}

/** The receipt PDF of a request, in its language, its code signed `now`. */
export function receiptPdf(
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
  details: RequestDetails,
  now: Date,
  locale = details.locale,
): Promise<Buffer> {
  // The PDF's standard fonts have no Arabic glyphs: an Arabic reader's receipt is printed in French,
  // its half-days and date too (decision 0045).
  const words = locale === 'ar' ? 'fr' : locale;
  return renderReceiptPdf({
    label: details.label,
    procedureTitle: details.procedureTitle,
    offices: details.sites.map((site) => ({ name: site.name, address: site.address })),
    halfDays: describeHalfDays(details.halfDays, words),
    earliest: describeEarliest(details.earliest, words),
    submittedAt: details.updatedAt,
    issuedAt: now,
    timezone: details.timezone,
    code: receiptCode(details, config.secretKey, now),
    verifyUrl: `${config.publicUrl}/verifier`,
    locale,
  });
}
