import { dictionary } from '@zxcvbn-ts/language-common';
import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { messagesFor } from '../web/i18n.ts';
import { passwordPolicyMessages } from './password-policy.messages.ts';

// The rules an agent's password must meet (decision 0021), for every place that sets one: the agents'
// administration, the command line, and sign-in (which refuses without hashing what could never be a
// password). NIST SP 800-63B's: a length, a list of passwords known to attackers, nothing about the
// account itself; no rule on character classes, which make passwords harder to remember, not to guess.

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for a passphrase; bounded so that nobody makes the server hash a novel. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem =
  | { code: 'too_short'; params: { min: number } }
  | { code: 'too_long'; params: { max: number } }
  | { code: 'common' }
  | { code: 'contains_email' }
  | { code: 'contains_name' };

// The 49,233 most frequent passwords of Mark Burnett's ten million leaked ones, lower-cased, as
// zxcvbn-ts ships them (@zxcvbn-ts/language-common, MIT): loaded on first use, not at start.
let common: ReadonlySet<string> | undefined;
const commonPasswords = () => {
  common ??= new Set(dictionary['passwords-common']);
  return common;
};

// What people wrap around a common word to pass a length rule: "azerty123456", "motdepasse2024!".
const PADDING = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;

/** Whether a password is a common one, as it is or padded with digits and punctuation. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const core = lower.replace(PADDING, '');
  return commonPasswords().has(lower) || (core.length >= 4 && commonPasswords().has(core));
}

/** The length of a password as a person counts it: in characters, not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** Everything wrong with a new password for the agent `who` (empty: the password is acceptable). */
export function passwordProblems(password: string, who: { email: string; name: string }): PasswordProblem[] {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return [{ code: 'too_short', params: { min: PASSWORD_MIN_LENGTH } }];
  if (length > PASSWORD_MAX_LENGTH) return [{ code: 'too_long', params: { max: PASSWORD_MAX_LENGTH } }];
  const problems: PasswordProblem[] = [];
  if (isCommonPassword(password)) problems.push({ code: 'common' });
  const squeezed = password.toLowerCase().replace(/\s+/g, '');
  const localPart = who.email.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 3 && squeezed.includes(localPart)) problems.push({ code: 'contains_email' });
  const name = who.name.toLowerCase().replace(/\s+/g, '');
  if (name.length >= 4 && squeezed.includes(name)) problems.push({ code: 'contains_name' });
  return problems;
}

/** The problems as the field errors of a 422 (`message` in French, or in `locale` for a page). */
export function passwordFieldErrors(
  password: string,
  who: { email: string; name: string },
  options: { field?: string; locale?: Locale } = {},
): FieldError[] {
  const m = messagesFor(passwordPolicyMessages, options.locale ?? 'fr');
  return passwordProblems(password, who).map((problem) => ({
    field: options.field ?? 'password',
    code: `password_${problem.code}`,
    message: m.problem(problem),
    ...('params' in problem ? { params: problem.params } : {}),
  }));
}
