import { randomInt } from 'node:crypto';
import { CODE_REGEXPS } from '../../codes.ts';
import type { Executor } from '../../db/database.ts';
import type { RoleName } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { checkEmailAddress } from '../booking/email-address.ts';
import { departmentExists } from './agent-admin.repository.ts';
import { departmentOfSite } from './agents.repository.ts';
import { ROLE_NAMES, type Scope } from './permissions.ts';

// What the administration, the command line and the demo agents accept as an agent's email, name, role
// and scope, and the initial passwords they hand out. Each check names the field it refuses.

/** A scope as PRODUCT §7.1 writes it (`national`, `74`, `site:12`), before the database places it. */
export type ScopeText =
  | { kind: 'national' }
  | { kind: 'department'; departmentCode: string }
  | { kind: 'site'; siteId: number };

/** The pattern of a scope's text, for schemas and forms. */
export const SCOPE_PATTERN = `^(national|site:[1-9][0-9]{0,9}|${CODE_REGEXPS.department.source.slice(1, -1)})$`;

/** Reads `national`, a département code or `site:ID`; undefined when it is none of them. */
export function parseScopeText(text: string): ScopeText | undefined {
  if (text === 'national') return { kind: 'national' };
  if (CODE_REGEXPS.department.test(text)) return { kind: 'department', departmentCode: text };
  const site = /^site:([1-9][0-9]{0,9})$/.exec(text);
  if (site?.[1] && Number(site[1]) <= 2_147_483_647) return { kind: 'site', siteId: Number(site[1]) };
  return undefined;
}

/** The scope as the database places it (a site with its département), or undefined when it does not exist. */
export async function resolveScope(db: Executor, text: ScopeText): Promise<Scope | undefined> {
  if (text.kind === 'national') return text;
  if (text.kind === 'department') {
    return (await departmentExists(db, text.departmentCode)) ? text : undefined;
  }
  const departmentCode = await departmentOfSite(db, text.siteId);
  return departmentCode ? { kind: 'site', siteId: text.siteId, departmentCode } : undefined;
}

/** Whether a text is one of the five roles. */
export function isRole(text: string): text is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(text);
}

/** A grant as typed (form, API body, command line), checked and placed, or the field errors it has. */
export async function checkGrant(
  db: Executor,
  input: { role: string; scope: string },
  field: string,
): Promise<{ grant: { role: RoleName; scope: Scope } } | { errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const prefix = field ? `${field}.` : '';
  if (!isRole(input.role)) {
    errors.push({
      field: `${prefix}role`,
      code: 'unknown_role',
      message: `Rôle inconnu : choisissez parmi ${ROLE_NAMES.join(', ')}.`,
    });
  }
  const text = parseScopeText(input.scope);
  const scope = text ? await resolveScope(db, text) : undefined;
  if (!scope) {
    errors.push({
      field: `${prefix}scope`,
      code: text ? 'unknown_scope' : 'format',
      message: text
        ? "Ce périmètre n'existe pas : vérifiez le code du département ou le numéro du service."
        : 'Périmètre attendu : national, un code de département (74) ou site:NUMÉRO.',
    });
  }
  if (errors.length > 0 || !scope || !isRole(input.role)) return { errors };
  return { grant: { role: input.role, scope } };
}

/** The email as stored (lower case), or the field error. */
export function checkAgentEmail(typed: string, field = 'email'): { email: string } | { error: FieldError } {
  const checked = checkEmailAddress(typed);
  if (!checked.ok) {
    return { error: { field, code: 'format', message: 'Adresse électronique invalide.' } };
  }
  return { email: checked.address.toLowerCase() };
}

/** The name as stored (trimmed, 1 to 200 characters), or the field error. */
export function checkAgentName(typed: string, field = 'name'): { name: string } | { error: FieldError } {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (name.length === 0)
    return { error: { field, code: 'required', message: 'Indiquez le nom de l’agent.' } };
  if (name.length > 200) return { error: { field, code: 'too_long', message: 'Au plus 200 caractère(s).' } };
  return { name };
}

// Letters and digits that cannot be read one for another (no 0/o, 1/l/i).
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A random initial password: four groups of five characters (about 99 bits), readable aloud, well
 * past the 12 characters the password policy asks for. The agent is shown it once.
 */
export function initialPassword(): string {
  const group = () =>
    Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
