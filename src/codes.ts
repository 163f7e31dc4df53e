// The shapes of the codes Créneau stores, written once. The migrations keep their own copy in check
// constraints (history does not change); test/code-patterns.test.ts inserts values on both sides of
// each pattern and checks that PostgreSQL accepts exactly what the pattern accepts.

/** Each pattern as a string, for TypeBox schemas (`pattern`) and OpenAPI. */
export const CODE_PATTERNS = {
  /** INSEE département code: 01–19, 2A, 2B, 21–95, 971–976 (no "20" since 1976, no 977 and beyond). */
  department: '^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$',
  /** INSEE arrondissement code: the département's code and the arrondissement's number (741, 2A1, 9741). */
  arrondissement: '^[0-9][0-9AB][0-9]{1,2}$',
  /** A procedure's code in URLs: lower-case letters, digits and hyphens, 2 to 64 characters. */
  procedure: '^[a-z0-9][a-z0-9-]{1,63}$',
  /** A booking reference such as 74-K7M3-QX9P or 2A-…: the département, then two groups of four. */
  reference: '^[0-9A-Z]{2,3}-[0-9A-Z]{4}-[0-9A-Z]{4}$',
  /** A French postal code. */
  postalCode: '^[0-9]{5}$',
  /** A foreigner number (AGDREF), as stored: 10 digits. */
  foreignerNumber: '^[0-9]{10}$',
} as const;

export type CodeKind = keyof typeof CODE_PATTERNS;

const compiled = Object.fromEntries(
  Object.entries(CODE_PATTERNS).map(([kind, source]) => [kind, new RegExp(source)]),
) as Record<CodeKind, RegExp>;

/** Each pattern as a RegExp, for code that checks values itself (pages, domain rules). */
export const CODE_REGEXPS: Readonly<Record<CodeKind, RegExp>> = compiled;

/** Whether `value` is a well-formed code of this kind. */
export function isCode(kind: CodeKind, value: string): boolean {
  return compiled[kind].test(value);
}
