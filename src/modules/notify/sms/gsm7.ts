// SMS texts and their cost: a message in the GSM 03.38 7-bit alphabet fits 160 characters in one
// segment (153 per segment once split); any other character makes the whole message UCS-2, 70 per
// segment (67 once split). French fits GSM-7 once its typography is simplified — curly quotes,
// non-breaking spaces and a few accented capitals — which `smsText` does; Arabic stays UCS-2.

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: each takes two units (an escape and itself). */
const EXTENSION = '^{}\\[~]|€\f';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

/** Typography and letters outside GSM-7 replaced by their nearest GSM-7 spelling. */
const SIMPLER: Readonly<Record<string, string>> = {
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  â: 'a',
  ê: 'e',
  ë: 'e',
  î: 'i',
  ï: 'i',
  ô: 'o',
  û: 'u',
  ç: 'c',
  œ: 'oe',
  Œ: 'OE',
  À: 'A',
  Â: 'A',
  È: 'E',
  Ê: 'E',
  Ë: 'E',
  Î: 'I',
  Ï: 'I',
  Ô: 'O',
  Ù: 'U',
  Û: 'U',
  ÿ: 'y',
};

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** Whether every character of `text` is in the GSM-7 alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return false;
  return true;
}

/** How long `text` is as an SMS and how many segments it is sent in. */
export function smsLength(text: string): SmsLength {
  if (isGsm7(text)) {
    let units = 0;
    for (const char of text) units += extension.has(char) ? 2 : 1;
    return { encoding: 'GSM-7', units, segments: segmentsOf(units, 160, 153) };
  }
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: segmentsOf(units, 70, 67) };
}

/**
 * The text to send: simplified to GSM-7 when that is enough to make it fit the alphabet (French),
 * unchanged otherwise (Arabic, or a name with letters GSM-7 lacks), white space runs collapsed.
 */
export function smsText(text: string): string {
  const collapsed = text.replace(/[ \t]+/g, ' ').trim();
  const simpler = Array.from(collapsed, (char) => SIMPLER[char] ?? char).join('');
  return isGsm7(simpler) ? simpler : collapsed;
}

function segmentsOf(units: number, single: number, perPart: number): number {
  if (units === 0) return 1;
  return units <= single ? 1 : Math.ceil(units / perPart);
}
