import type { FieldError } from '../../errors.ts';
import { departmentsOfPostalCode } from '../territory/postal-codes.ts';
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
 * invalid field at once with a French message that says how to fix it.
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
  const report = (field: string, code: string, message: string): null => {
    fields.push({ field: `applicant.${field}`, code, message });
    return null;
  };
  const check = <T>(field: string, outcome: T | Problem): T | null =>
    outcome instanceof Problem ? report(field, outcome.code, outcome.message) : outcome;

  const lastName = check('lastName', checkName(text(input.lastName), 'nom'));
  const firstName = check('firstName', checkName(text(input.firstName), 'prénom'));
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

/** A refused field value: the stable code and the French message shown next to the field. */
class Problem {
  readonly code: string;
  readonly message: string;
  constructor(code: string, message: string) {
    this.code = code;
    this.message = message;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

const LATIN_LETTER = /[\p{Script=Latin}&&\p{L}]/v;
const NAME_SEPARATOR = /['’ʼ -]/u;
const ALLOWED_IN_NAMES =
  "seuls les lettres (accents compris), l'apostrophe, le trait d'union et l'espace sont acceptés";

function checkName(raw: string, label: 'nom' | 'prénom'): string | Problem {
  const name = raw
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(/[\u2010\u2011]/gu, '-');
  if (name === '') {
    return new Problem(
      'required',
      `Indiquez le ${label} tel qu'il figure sur le titre de séjour ou le passeport.`,
    );
  }
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
  const capitalised = label === 'nom' ? 'Le nom' : 'Le prénom';
  if (nonLatin) {
    return new Problem(
      'name_invalid',
      `${capitalised} contient des caractères non latins : écrivez le ${label} tel qu'il figure sur votre titre de séjour ou passeport, en caractères latins.`,
    );
  }
  if (digit) {
    return new Problem(
      'name_invalid',
      `${capitalised} ne peut pas contenir de chiffres : ${ALLOWED_IN_NAMES}.`,
    );
  }
  if (symbol !== null) {
    const shown = /\p{C}/u.test(symbol) ? 'un caractère invisible' : `« ${symbol} »`;
    return new Problem(
      'name_invalid',
      `${capitalised} contient ${shown}, qui n'est pas accepté : ${ALLOWED_IN_NAMES}.`,
    );
  }
  if (letters === 0) {
    return new Problem('name_invalid', `${capitalised} doit contenir au moins une lettre.`);
  }
  if ([...name].length > MAX_NAME_LENGTH) {
    return new Problem(
      'name_too_long',
      `${capitalised} ne peut pas dépasser ${MAX_NAME_LENGTH} caractères : écrivez-le tel qu'il figure sur votre titre de séjour ou passeport.`,
    );
  }
  return name;
}

const DATE_FORMAT_HINT = 'au format AAAA-MM-JJ (par exemple 1990-03-31)';

function checkBirthDate(raw: string, today: string): string | Problem {
  if (raw === '') return new Problem('required', `Indiquez la date de naissance ${DATE_FORMAT_HINT}.`);
  if (dayNumber(raw) === null) {
    return new Problem(
      'date_invalid',
      `Cette date n'existe pas : indiquez la date de naissance ${DATE_FORMAT_HINT}.`,
    );
  }
  if (raw > today) {
    return new Problem(
      'birth_date_future',
      "La date de naissance est dans le futur : vérifiez l'année, le mois et le jour.",
    );
  }
  if (ageInYears(raw, today) > MAX_AGE_YEARS) {
    return new Problem(
      'birth_date_implausible',
      `Cette date de naissance donnerait plus de ${MAX_AGE_YEARS} ans : vérifiez l'année.`,
    );
  }
  return raw;
}

const EMAIL_EXAMPLE = 'par exemple prenom.nom@exemple.fr';

function checkEmail(typed: string): string | Problem {
  const checked = checkEmailAddress(typed);
  if (checked.ok) return checked.address;
  const where = "c'est là que vous recevrez le lien de confirmation et la convocation";
  switch (checked.problem) {
    case 'invisible_character':
      return new Problem(
        'email_invisible_character',
        `L'adresse électronique contient une espace ou un caractère invisible, souvent ajouté par un copier-coller : effacez-la et retapez-la au clavier, ${EMAIL_EXAMPLE}.`,
      );
    case 'unsupported_character':
      return new Problem(
        'email_unsupported_character',
        `L'adresse électronique contient « ${checked.character} », qui ne peut pas être acheminé : avant le @, seuls les lettres sans accent, les chiffres et des signes comme . _ - + sont acceptés ; après le @, un nom de domaine comme exemple.fr.`,
      );
    default:
      return new Problem(
        checked.problem === 'required' ? 'required' : 'email_invalid',
        `Indiquez une adresse électronique valide, ${EMAIL_EXAMPLE} : ${where}.`,
      );
  }
}

// Overseas départements share the French numbering plan but have their own country codes.
const OVERSEAS_PREFIXES: [prefix: string, countryCode: string][] = [
  ...['0262', '0263', '0692', '0693', '0269', '0639'].map((p): [string, string] => [p, '262']),
  ...['0590', '0690', '0691'].map((p): [string, string] => [p, '590']),
  ...['0594', '0694'].map((p): [string, string] => [p, '594']),
  ...['0596', '0696', '0697'].map((p): [string, string] => [p, '596']),
];

function checkPhone(raw: string): string | null | Problem {
  if (raw === '') return null;
  let number = raw.replace(/\(0\)/g, '').replace(/[\s.()/-]/gu, '');
  if (number.startsWith('00')) number = `+${number.slice(2)}`;
  let e164: string | null = null;
  if (/^0[1-9][0-9]{8}$/.test(number)) {
    const overseas = OVERSEAS_PREFIXES.find(([prefix]) => number.startsWith(prefix));
    e164 = `+${overseas?.[1] ?? '33'}${number.slice(1)}`;
  } else if (number.startsWith('+33')) {
    // "+33 06 12 34 56 78": the national 0 kept after the country code is a common slip.
    const national = number.slice(3).replace(/^0/, '');
    if (/^[1-9][0-9]{8}$/.test(national)) e164 = `+33${national}`;
  } else if (/^\+[1-9][0-9]{6,14}$/.test(number)) {
    e164 = number;
  }
  return (
    e164 ??
    new Problem(
      'phone_invalid',
      'Indiquez un numéro de téléphone français (06 12 34 56 78) ou étranger précédé de son indicatif (+32 470 12 34 56), ou laissez ce champ vide.',
    )
  );
}

function checkForeignerNumber(raw: string, required: boolean): string | null | Problem {
  const number = raw.replace(/\s/gu, '');
  if (number === '') {
    if (!required) return null;
    return new Problem(
      'required',
      'Indiquez le numéro étranger à 10 chiffres figurant sur le titre de séjour ; pour un proche, indiquez celui de votre proche.',
    );
  }
  if (/^[0-9]{10}$/.test(number)) return number;
  if (/^[0-9]{9}$/.test(number)) {
    // seeds/003: residence cards made before 2017 print 9 digits; AGDREF has a 0 after the first two.
    const corrected = `${number.slice(0, 2)}0${number.slice(2)}`;
    return new Problem(
      'foreigner_number_9_digits',
      `Les cartes de résident produites avant 2017 portent un numéro à 9 chiffres : ajoutez un 0 après les deux premiers chiffres. Votre numéro est probablement ${corrected}.`,
    );
  }
  return new Problem(
    'foreigner_number_invalid',
    'Le numéro étranger compte 10 chiffres, sans lettre ni autre signe : il figure sur votre titre de séjour, ou sur la vignette OFII de votre visa long séjour.',
  );
}

function checkTitleExpiry(raw: string, rules: ProcedureRules, today: number): string | null | Problem {
  if (raw === '') {
    if (!rules.requiresTitleExpiry) return null;
    return new Problem(
      'required',
      `Indiquez la date de fin de validité du titre de séjour, ${DATE_FORMAT_HINT}.`,
    );
  }
  const expiry = dayNumber(raw);
  if (expiry === null) {
    return new Problem(
      'date_invalid',
      `Cette date n'existe pas : indiquez la date de fin de validité du titre ${DATE_FORMAT_HINT}.`,
    );
  }
  const within = rules.titleExpiryWithinDays;
  if (within !== null && expiry > today + within) {
    return new Problem(
      'title_expiry_too_early',
      `Votre titre est encore valable plus de ${within} jours : cette démarche vous sera ouverte à partir du ${frenchDate(expiry - within)}. Revenez à cette date pour prendre rendez-vous.`,
    );
  }
  const since = rules.titleExpiredSinceDays;
  if (since !== null && expiry < today - since) {
    return new Problem(
      'title_expired_too_long',
      `Votre titre a expiré le ${frenchDate(expiry)}, il y a plus de ${since} jours : il ne peut plus être renouvelé par cette démarche. Vous devez faire une première demande de titre de séjour ; consultez la rubrique « Ma démarche en fonction de ma situation ».`,
    );
  }
  return raw;
}

function checkPostalCode(raw: string, required: boolean, departmentCode: string): string | null | Problem {
  const postalCode = raw.replace(/\s/gu, '');
  if (postalCode === '') {
    if (!required) return null;
    return new Problem('required', 'Indiquez le code postal de votre domicile (5 chiffres).');
  }
  if (!/^[0-9]{5}$/.test(postalCode)) {
    return new Problem('postal_code_invalid', 'Le code postal compte 5 chiffres, par exemple 74000.');
  }
  const departments = departmentsOfPostalCode(postalCode);
  if (departments.size === 0) {
    return new Problem(
      'postal_code_unknown',
      "Ce code postal n'existe pas : vérifiez celui de votre domicile, tel qu'il figure sur votre justificatif de domicile.",
    );
  }
  if (!departments.has(departmentCode)) {
    return new Problem(
      'postal_code_outside_department',
      `Ce code postal n'appartient pas au département ${departmentCode} : ce service est réservé aux personnes qui y résident. Si vous habitez dans un autre département, prenez rendez-vous auprès de sa préfecture.`,
    );
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

function frenchDate(day: number): string {
  const [year, month, date] = new Date(day * DAY_MS).toISOString().slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
}

function ageInYears(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // Both dates are YYYY-MM-DD, so the month-day parts compare as strings.
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
