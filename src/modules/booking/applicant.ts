import { isCode } from '../../codes.ts';
import type { FieldError, FieldParams } from '../../errors.ts';
import { toE164 } from '../notify/sms/phone.ts';
import { departmentsOfPostalCode } from '../territory/postal-codes.ts';
import { fieldMessage } from './applicant.messages.ts';
import { checkEmailAddress } from './email-address.ts';
import { identityKey } from './identity.ts';

export type { FieldError } from '../../errors.ts';
export { identityKey, normaliseName } from './identity.ts';

/** What the applicant typed in step 4 of the journey ("Coordonnées personnelles"), before validation. */
export interface ApplicantInput {
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  phone?: string;
  foreignerNumber?: string;
  titleExpiry?: string;
  postalCode?: string;
}

/** The identity fields a procedure requires and its permit window (columns of `procedure`). */
export interface ProcedureRules {
  requiresForeignerNumber: boolean;
  requiresTitleExpiry: boolean;
  requiresPostalCode: boolean;
  /** Open to permits expiring at most this many days after today. */
  titleExpiryWithinDays: number | null;
  /** Open to permits expired at most this many days before today. */
  titleExpiredSinceDays: number | null;
}

/** A validated applicant, normalised for storage in `booking`. */
export interface Applicant {
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  /** Lower-cased address, for the per-address limit. */
  emailKey: string;
  /** E.164, e.g. "+33612345678". */
  phone: string | null;
  foreignerNumber: string | null;
  titleExpiry: string | null;
  postalCode: string | null;
  identityKey: string;
}

export type ApplicantResult = { ok: true; applicant: Applicant } | { ok: false; fields: FieldError[] };

const DAY_MS = 86_400_000;
const MAX_NAME_LENGTH = 100;
const MAX_AGE_YEARS = 120;

/**
 * Checks and normalises the applicant's fields against the procedure's rules, reporting every
 * invalid field at once: its code and the values that explain it (`params`), with the French message
 * the catalog (web/messages/field-errors.ts) makes of them — pages render them in their own language.
 */
export function validateApplicant(
  input: ApplicantInput,
  rules: ProcedureRules,
  departmentCode: string,
  today: string,
): ApplicantResult {
  const todayDay = dayNumber(today);
  if (todayDay === null) throw new RangeError(`today must be a YYYY-MM-DD date, got ${today}`);

  const fields: FieldError[] = [];
  const report = (field: string, problem: Problem): null => {
    const error = { field: `applicant.${field}`, code: problem.code, params: problem.params };
    fields.push({ ...error, message: fieldMessage({ ...error, message: problem.code }, 'fr') });
    return null;
  };
  const check = <T>(field: string, outcome: T | Problem): T | null =>
    outcome instanceof Problem ? report(field, outcome) : outcome;

  const lastName = check('lastName', checkName(text(input.lastName)));
  const firstName = check('firstName', checkName(text(input.firstName)));
  const birthDate = check('birthDate', checkBirthDate(text(input.birthDate), today));
  const email = check('email', checkEmail(text(input.email)));
  const phone = check('phone', checkPhone(text(input.phone)));
  const foreignerNumber = check(
    'foreignerNumber',
    checkForeignerNumber(text(input.foreignerNumber), rules.requiresForeignerNumber),
  );
  const titleExpiry = check('titleExpiry', checkTitleExpiry(text(input.titleExpiry), rules, todayDay));
  const postalCode = check(
    'postalCode',
    checkPostalCode(text(input.postalCode), rules.requiresPostalCode, departmentCode),
  );

  if (fields.length > 0 || lastName === null || firstName === null || birthDate === null || email === null) {
    return { ok: false, fields };
  }
  return {
    ok: true,
    applicant: {
      lastName,
      firstName,
      birthDate,
      email,
      emailKey: email.toLowerCase(),
      phone,
      foreignerNumber,
      titleExpiry,
      postalCode,
      identityKey: identityKey({ foreignerNumber, lastName, firstName, birthDate }),
    },
  };
}

/** Identity fields given to correct a booking (the counter's identity correction): any of the four. */
export interface IdentityInput {
  lastName?: string;
  firstName?: string;
  birthDate?: string;
  foreignerNumber?: string;
}

/** The fields given, normalised; an empty foreigner number (allowed when not required) is null. */
export type IdentityFields = {
  lastName?: string;
  firstName?: string;
  birthDate?: string;
  foreignerNumber?: string | null;
};

/**
 * Checks the identity fields that were given by the rules of step 4 (the same codes, params and
 * messages), each error named by the field alone (`lastName`), every invalid field at once.
 */
export function validateIdentityFields(
  input: IdentityInput,
  rules: Pick<ProcedureRules, 'requiresForeignerNumber'>,
  today: string,
): { ok: true; fields: IdentityFields } | { ok: false; fields: FieldError[] } {
  const errors: FieldError[] = [];
  const values: IdentityFields = {};
  const check = <K extends keyof IdentityFields>(field: K, outcome: IdentityFields[K] | Problem) => {
    if (outcome instanceof Problem) {
      const error = { field, code: outcome.code, params: outcome.params };
      errors.push({ ...error, message: fieldMessage({ ...error, message: outcome.code }, 'fr') });
    } else values[field] = outcome;
  };
  if (input.lastName !== undefined) check('lastName', checkName(text(input.lastName)));
  if (input.firstName !== undefined) check('firstName', checkName(text(input.firstName)));
  if (input.birthDate !== undefined) check('birthDate', checkBirthDate(text(input.birthDate), today));
  if (input.foreignerNumber !== undefined) {
    const raw = text(input.foreignerNumber);
    check('foreignerNumber', checkForeignerNumber(raw, rules.requiresForeignerNumber));
  }
  return errors.length > 0 ? { ok: false, fields: errors } : { ok: true, fields: values };
}

/** A refused field value: the stable code and the values its message is made of. */
class Problem {
  readonly code: string;
  readonly params: FieldParams;
  constructor(code: string, params: FieldParams = {}) {
    this.code = code;
    this.params = params;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

const LATIN_LETTER = /[\p{Script=Latin}&&\p{L}]/v;
const NAME_SEPARATOR = /['’ʼ -]/u;

function checkName(raw: string): string | Problem {
  const name = raw
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(/[\u2010\u2011]/gu, '-');
  if (name === '') return new Problem('required');
  let letters = 0;
  let nonLatin = false;
  let digit = false;
  let symbol: string | null = null;
  let previousIsLetter = false;
  for (const char of name) {
    const isLetter = LATIN_LETTER.test(char);
    // A combining accent is part of the letter before it (names typed in decomposed form).
    const isAccent: boolean = /\p{M}/u.test(char) && previousIsLetter;
    if (isLetter) letters++;
    else if (!isAccent && !NAME_SEPARATOR.test(char)) {
      if (/\p{L}/u.test(char)) nonLatin = true;
      else if (/\p{N}/u.test(char)) digit = true;
      else symbol ??= char;
    }
    previousIsLetter = isLetter || isAccent;
  }
  if (nonLatin) return new Problem('name_invalid', { reason: 'non_latin' });
  if (digit) return new Problem('name_invalid', { reason: 'digit' });
  if (symbol !== null) {
    // An invisible character is named, not shown: it would not be seen in the message either.
    const invisible = /\p{C}/u.test(symbol);
    return new Problem(
      'name_invalid',
      invisible ? { reason: 'invisible' } : { reason: 'symbol', character: symbol },
    );
  }
  if (letters === 0) return new Problem('name_invalid', { reason: 'no_letter' });
  if ([...name].length > MAX_NAME_LENGTH) return new Problem('name_too_long', { maxLength: MAX_NAME_LENGTH });
  return name;
}

function checkBirthDate(raw: string, today: string): string | Problem {
  if (raw === '') return new Problem('required');
  if (dayNumber(raw) === null) return new Problem('date_invalid');
  if (raw > today) return new Problem('birth_date_future');
  if (ageInYears(raw, today) > MAX_AGE_YEARS) {
    return new Problem('birth_date_implausible', { maxYears: MAX_AGE_YEARS });
  }
  return raw;
}

function checkEmail(typed: string): string | Problem {
  const checked = checkEmailAddress(typed);
  if (checked.ok) return checked.address;
  switch (checked.problem) {
    case 'invisible_character':
      return new Problem('email_invisible_character');
    case 'unsupported_character':
      return new Problem('email_unsupported_character', { character: checked.character ?? '' });
    default:
      return new Problem(checked.problem === 'required' ? 'required' : 'email_invalid');
  }
}

/** A phone number as typed, stored in E.164 (notify/sms/phone.ts: libphonenumber-js), or refused. */
function checkPhone(raw: string): string | null | Problem {
  if (raw === '') return null;
  return toE164(raw) ?? new Problem('phone_invalid');
}

function checkForeignerNumber(raw: string, required: boolean): string | null | Problem {
  const number = raw.replace(/\s/gu, '');
  if (number === '') return required ? new Problem('required') : null;
  if (isCode('foreignerNumber', number)) return number;
  if (/^[0-9]{9}$/.test(number)) {
    // seeds/003: residence cards made before 2017 print 9 digits; AGDREF has a 0 after the first two.
    return new Problem('foreigner_number_9_digits', {
      corrected: `${number.slice(0, 2)}0${number.slice(2)}`,
    });
  }
  return new Problem('foreigner_number_invalid');
}

function checkTitleExpiry(raw: string, rules: ProcedureRules, today: number): string | null | Problem {
  if (raw === '') return rules.requiresTitleExpiry ? new Problem('required') : null;
  const expiry = dayNumber(raw);
  if (expiry === null) return new Problem('date_invalid');
  const within = rules.titleExpiryWithinDays;
  if (within !== null && expiry > today + within) {
    return new Problem('title_expiry_too_early', { withinDays: within, opensOn: isoDate(expiry - within) });
  }
  const since = rules.titleExpiredSinceDays;
  if (since !== null && expiry < today - since) {
    return new Problem('title_expired_too_long', { expiredOn: isoDate(expiry), sinceDays: since });
  }
  return raw;
}

function checkPostalCode(raw: string, required: boolean, departmentCode: string): string | null | Problem {
  const postalCode = raw.replace(/\s/gu, '');
  if (postalCode === '') return required ? new Problem('required') : null;
  if (!isCode('postalCode', postalCode)) return new Problem('postal_code_invalid');
  const departments = departmentsOfPostalCode(postalCode);
  if (departments.size === 0) return new Problem('postal_code_unknown');
  if (!departments.has(departmentCode)) {
    return new Problem('postal_code_outside_department', { department: departmentCode });
  }
  return postalCode;
}

/** Days since 1970-01-01 of a valid calendar date written YYYY-MM-DD, or null (2026-02-30 is null). */
function dayNumber(date: string): number | null {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(0);
  value.setUTCFullYear(year, month - 1, day);
  if (value.getUTCFullYear() !== year || value.getUTCMonth() !== month - 1 || value.getUTCDate() !== day) {
    return null;
  }
  return Math.floor(value.getTime() / DAY_MS);
}

/** A day number as YYYY-MM-DD. */
function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function ageInYears(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // Both dates are YYYY-MM-DD, so the month-day parts compare as strings.
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
