import { domainToASCII, domainToUnicode } from 'node:url';

// Which email addresses Créneau accepts (decision 0013): those any SMTP server can deliver to, written
// the way people can type them. The confirmation link travels by email: an address that looks right
// but cannot be delivered (a zero-width space pasted inside it) loses the appointment.

/** Why an address is refused; each has its own message in the catalogs, saying how to fix it. */
export type EmailProblem = 'required' | 'invisible_character' | 'unsupported_character' | 'format';

export type EmailCheck =
  | { ok: true; address: string }
  | {
      ok: false;
      problem: EmailProblem /** The first character that cannot be sent, to show. */;
      character?: string;
    };

// RFC 5321 limits: 64 for the part before the @, 254 for the whole (ASCII) address.
const MAX_LOCAL_LENGTH = 64;
const MAX_ADDRESS_LENGTH = 254;

// The dot-atom of RFC 5322: printable ASCII without specials. Quoted local parts ("a b"@x) are legal
// but never typed on purpose.
const LOCAL_CHARACTER = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/;
// As typed, a domain is letters of any script (internationalised names), accents, digits, hyphens, dots.
const DOMAIN_CHARACTER = /[\p{L}\p{M}0-9.-]/u;
// Controls (NUL among them), format characters (bidi overrides U+202E, zero-width U+200B, soft hyphen),
// lone surrogates, private-use and unassigned code points, and every kind of space or line separator.
const INVISIBLE = /[\p{C}\p{Z}\s]/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Checks an address as typed (surrounding spaces removed) and returns it as it will be stored: the
 * local part unchanged, the domain in its canonical form — lower case, width and compatibility
 * variants mapped by UTS #46 (`url.domainToASCII`), IDN letters kept readable (nodemailer sends them
 * as punycode). The limits apply to the ASCII form, the one SMTP carries.
 */
export function checkEmailAddress(typed: string): EmailCheck {
  const email = typed.trim();
  if (email === '') return { ok: false, problem: 'required' };
  const invisible = [...email].find((char) => INVISIBLE.test(char) || !char.isWellFormed());
  if (invisible !== undefined) return { ok: false, problem: 'invisible_character' };
  const at = email.lastIndexOf('@');
  const local = email.slice(0, Math.max(at, 0));
  const domain = email.slice(at + 1);
  const unsupported =
    [...local].find((char) => !LOCAL_CHARACTER.test(char) && char !== '@') ??
    [...domain].find((char) => !DOMAIN_CHARACTER.test(char));
  if (unsupported !== undefined)
    return { ok: false, problem: 'unsupported_character', character: unsupported };
  if (at <= 0 || local.includes('@') || !validLocal(local)) return { ok: false, problem: 'format' };
  const asciiDomain = domainToASCII(domain);
  if (!validDomain(asciiDomain) || local.length + 1 + asciiDomain.length > MAX_ADDRESS_LENGTH)
    return { ok: false, problem: 'format' };
  return { ok: true, address: `${local}@${domainToUnicode(asciiDomain)}` };
}

function validLocal(local: string): boolean {
  return (
    local.length <= MAX_LOCAL_LENGTH &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..')
  );
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  return (
    labels.length >= 2 && labels.every((label) => LABEL.test(label)) && TOP_LEVEL.test(labels.at(-1) ?? '')
  );
}
