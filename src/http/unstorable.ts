// Values that no schema and no form should let reach the handlers, whatever the route: PostgreSQL text
// cannot hold a NUL, a lone UTF-16 surrogate cannot be encoded as UTF-8, an infinite or inexact number
// cannot be a key, and nothing a client sends needs deep nesting. Shared by the API's validator
// (http/validation.ts) and the pages' hook (web/pages.ts).

/** Why a value is refused. Numbers beyond ±2^53 (Infinity among them: `1e400` parses so) are too big. */
export type UnstorableProblem =
  | 'nul_character'
  | 'broken_character'
  | 'number_too_large'
  | 'number_too_small'
  | 'too_deep';

/** One refused value: where it is (object keys and array indexes from the root) and why. */
export interface UnstorableValue {
  path: string[];
  problem: UnstorableProblem;
}

/**
 * How deep objects and arrays may nest. No request of Créneau nests beyond two levels (a booking's
 * `applicant`); the bound only has to be far above that and far below what a 16 KiB body allows.
 */
export const MAX_DEPTH = 16;

const MAX_FOUND = 20;

/**
 * Lists the values of a parsed request part that must be refused (at most 20), walking it with an
 * explicit stack so that no nesting can overflow the call stack. A too-deep value is reported once, on
 * the top-level field that holds it.
 */
export function findUnstorable(root: unknown): UnstorableValue[] {
  const found: UnstorableValue[] = [];
  const tooDeep = new Set<string>();
  // A refused key is pushed as its own entry, so that problems come out in the order of the document.
  const stack: { value: unknown; path: string[]; key?: UnstorableProblem }[] = [{ value: root, path: [] }];
  while (stack.length > 0 && found.length < MAX_FOUND) {
    const { value, path, key } = stack.pop() as (typeof stack)[number];
    const problem = key ?? problemOf(value);
    if (problem) found.push({ path, problem });
    if (key || typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_DEPTH) {
      const field = path.slice(0, 1);
      if (!tooDeep.has(field.join('/'))) found.push({ path: field, problem: 'too_deep' });
      tooDeep.add(field.join('/'));
      continue;
    }
    const entries = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [name, child] = entries[i] as [string | number, unknown];
      const keyProblem = typeof name === 'string' ? textProblem(name) : undefined;
      stack.push({ value: child, path: [...path, String(name)], ...(keyProblem ? { key: keyProblem } : {}) });
    }
  }
  return found.slice(0, MAX_FOUND);
}

function problemOf(value: unknown): UnstorableProblem | undefined {
  if (typeof value === 'string') return textProblem(value);
  if (typeof value !== 'number' || Math.abs(value) <= Number.MAX_SAFE_INTEGER) return undefined;
  return value < 0 ? 'number_too_small' : 'number_too_large';
}

function textProblem(text: string): UnstorableProblem | undefined {
  if (text.includes('\u0000')) return 'nul_character';
  if (!text.isWellFormed()) return 'broken_character';
  return undefined;
}
