import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Phone numbers as people type them at a French préfecture — national ("06 12 34 56 78"), with the
// country code ("+33 6…", "0033 6…", the slip "+33 06…"), or from an overseas département, whose
// national numbers ("0692 …" in La Réunion) belong to another numbering region — normalised to
// E.164 by libphonenumber-js's full metadata, the only form stored and sent to.

/**
 * The overseas départements' numbering regions, then metropolitan France, tried in turn for a national
 * number: their ranges (0692 La Réunion, 0639 Mayotte…) are theirs, not metropolitan mobiles.
 */
const FRENCH_REGIONS = ['RE', 'YT', 'GP', 'MQ', 'GF', 'FR'] as const;

/** A valid number in E.164 ("+33612345678"), or null when it is not one. */
export function toE164(raw: string): string | null {
  const typed = raw
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/^\+33[\s.-]*0/, '+33');
  if (typed === '' || /[^\d\s.()/+-]/.test(typed)) return null;
  // A national number starts with its 0; without it ("612345678") a digit may be missing.
  if (!/^(\+|00|0)/.test(typed)) return null;
  for (const region of FRENCH_REGIONS) {
    const number = parsePhoneNumberFromString(typed, { defaultCountry: region });
    if (number?.isValid()) return number.number;
  }
  return null;
}

/** Whether an SMS can reach the number: a mobile (or one that may be), never a fixed line. */
export function canReceiveSms(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === undefined || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}
