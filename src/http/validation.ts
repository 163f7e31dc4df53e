import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../errors.ts';
import { findUnstorable, MAX_DEPTH } from './unstorable.ts';

// ajv-formats is CommonJS: its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(coerceTypes: boolean): Ajv {
  // Unknown fields are reported, not silently removed (Fastify's default), so a client learns of its
  // typo; every error is collected so that the applicant sees them all at once.
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    strict: false,
  });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  return ajv;
}

// Bodies are JSON: a string is not a number. Query strings and path parameters are text: coerce them.
const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

/**
 * Fastify validator compiler: strict JSON bodies, coerced query strings and parameters, and, whatever
 * the schema, none of the values unstorable.ts refuses (NUL, lone surrogates, numbers beyond 2^53 or
 * infinite, nesting deeper than MAX_DEPTH).
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  const validate = ajv.compile(schema as object);
  const guarded = (data: unknown, context?: unknown): boolean => {
    const valid = validate(data, context as never) as boolean;
    const unstorable = unstorableErrors(data);
    if (valid && unstorable.length === 0) return true;
    guarded.errors = [...(validate.errors ?? []), ...unstorable];
    return false;
  };
  guarded.errors = null as ErrorObject[] | null;
  // Fastify passes the parent object to Ajv functions (it has `schemaEnv`), so that coercion can reach
  // the root value: keep that path open.
  guarded.schemaEnv = validate.schemaEnv;
  return guarded as unknown as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** The unstorable values of a request part (see unstorable.ts), as Ajv errors at their JSON pointer. */
function unstorableErrors(data: unknown): ErrorObject[] {
  return findUnstorable(data).map(({ path, problem }) => {
    const pointer = path.map((part) => `/${part.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    switch (problem) {
      case 'number_too_large':
        return guardError(pointer, 'maximum', { limit: Number.MAX_SAFE_INTEGER });
      case 'number_too_small':
        return guardError(pointer, 'minimum', { limit: -Number.MAX_SAFE_INTEGER });
      case 'too_deep':
        return guardError(pointer, 'tooDeep', { limit: MAX_DEPTH });
      default:
        return guardError(pointer, problem, {});
    }
  });
}

function guardError(instancePath: string, keyword: string, params: Record<string, unknown>): ErrorObject {
  return { instancePath, keyword, params, schemaPath: '#/guard', message: keyword };
}

const messages: Record<string, (error: ErrorObject) => string> = {
  required: () => 'Ce champ est obligatoire.',
  unknown_field: () => "Ce champ n'est pas attendu : retirez-le.",
  type: (e) => `Type attendu : ${typeName(String(e.params.type))}.`,
  format: (e) => formatMessage(String(e.params.format)),
  too_short: (e) => `Au moins ${e.params.limit} caractère(s).`,
  too_long: (e) => `Au plus ${e.params.limit} caractère(s).`,
  out_of_range: (e) =>
    `La valeur doit être ${e.keyword === 'minimum' ? 'au moins' : 'au plus'} ${e.params.limit}.`,
  must_accept: () => "Vous devez accepter les conditions d'utilisation pour continuer.",
  not_allowed: () => "Cette valeur n'est pas autorisée.",
  invisible_character: () => 'Ce champ contient un caractère invisible (NUL) : retirez-le.',
  invalid_character: () =>
    'Ce champ contient un caractère mal encodé (une moitié de caractère Unicode) : retapez la valeur.',
  too_deep: (e) =>
    `Ce champ imbrique objets ou listes sur plus de ${e.params.limit} niveaux : envoyez la valeur attendue (texte, nombre ou objet simple).`,
  invalid: () => 'Valeur invalide.',
};

function typeName(type: string): string {
  const names: Record<string, string> = {
    string: 'texte',
    integer: 'nombre entier',
    number: 'nombre',
    boolean: 'vrai ou faux',
    object: 'objet',
    array: 'liste',
  };
  return names[type] ?? type;
}

function formatMessage(format: string): string {
  if (format === 'date') return 'Date attendue au format AAAA-MM-JJ.';
  if (format === 'email') return 'Adresse électronique invalide.';
  return 'Format invalide.';
}

function codeOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'required';
    case 'additionalProperties':
      return 'unknown_field';
    case 'type':
      return 'type';
    case 'format':
    case 'pattern':
      return 'format';
    case 'minLength':
      return 'too_short';
    case 'maxLength':
      return 'too_long';
    case 'minimum':
    case 'maximum':
      return 'out_of_range';
    case 'const':
      return error.params.allowedValue === true ? 'must_accept' : 'not_allowed';
    case 'enum':
      return 'not_allowed';
    case 'nul_character':
      return 'invisible_character';
    case 'broken_character':
      return 'invalid_character';
    case 'tooDeep':
      return 'too_deep';
    default:
      return 'invalid';
  }
}

/** The dotted name of the field an Ajv error is about: `applicant.lastName`, `slotId`, `from`. */
function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path.join('.');
}

/** Turns Ajv errors into the API's field errors, one per field and problem. */
export function toFieldErrors(errors: ErrorObject[], prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const error of errors) {
    const code = codeOf(error);
    const name = fieldOf(error);
    const field = prefix && name ? `${prefix}.${name}` : name || prefix;
    if (seen.has(`${field}:${code}`)) continue;
    seen.add(`${field}:${code}`);
    fields.push({ field, code, message: (messages[code] ?? messages.invalid ?? String)(error) });
  }
  return fields;
}
