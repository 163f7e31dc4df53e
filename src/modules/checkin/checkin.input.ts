import { isCode } from '../../codes.ts';
import { invalid } from '../../errors.ts';
import { normaliseReference } from '../booking/tokens.ts';

// What the reception types or scans (pure): the convocation's QR text, or the booking's reference.

/** What a check-in names: the scanned QR text, or the reference typed from the convocation. */
export type CheckInInput = { qr: string } | { reference: string };

/** The longest text a scanner may type: a convocation's code is about 250 characters, its link more. */
const MAX_QR_LENGTH = 2000;

/**
 * The check-in's input from a JSON body or a form: exactly one of `qr` and `reference`, else a 422
 * naming the field (both given: `reference`, which should not be there; neither: `qr`).
 */
export function parseCheckIn(body: Record<string, unknown>): CheckInInput {
  const qr = typeof body.qr === 'string' ? body.qr.trim() : '';
  const reference = typeof body.reference === 'string' ? body.reference.trim() : '';
  if (qr !== '' && reference !== '') {
    throw invalid([
      {
        field: 'reference',
        code: 'one_of',
        message: 'Scannez le code de la convocation ou saisissez sa référence, pas les deux.',
      },
    ]);
  }
  if (qr !== '') return { qr: qr.slice(0, MAX_QR_LENGTH) };
  if (reference !== '') {
    const normalised = normaliseReference(reference);
    if (!isCode('reference', normalised)) {
      throw invalid([
        {
          field: 'reference',
          code: 'reference_invalid',
          message: 'La référence s’écrit comme sur la convocation, par exemple 74-K7M3-QX9P.',
        },
      ]);
    }
    return { reference: normalised };
  }
  throw invalid([
    {
      field: 'qr',
      code: 'required',
      message: 'Scannez le code de la convocation, ou saisissez sa référence.',
    },
  ]);
}

/**
 * The convocation's token in what a scanner typed: the QR code holds the link to /verifier with the
 * token in `code=`, and a hand-held reader may type the bare token; anything else is given as is, to
 * be refused by the signature check.
 */
export function tokenOfScan(scanned: string): string {
  const text = scanned.trim();
  const match = /[?&]code=([^&#\s]+)/.exec(text);
  if (!match?.[1]) return text;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
