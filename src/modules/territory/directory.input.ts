import { CODE_REGEXPS } from '../../codes.ts';
import { field } from '../web/forms.ts';

// What the directory's addresses may hold: a département code and a procedure code, as stored
// (src/codes.ts); anything else names nothing (a 404). Step 1 and 2's addresses are the directory's too.

/** A département code as written in an address. */
export const DEPARTMENT_CODE = CODE_REGEXPS.department;
/** A procedure code as written in an address. */
export const PROCEDURE_CODE = CODE_REGEXPS.procedure;

const MAX_QUERY_LENGTH = 100;

/** The commune search's query: trimmed, and cut at a length no commune name reaches. */
export function searchQuery(query: unknown): string {
  return field(query, 'q', 10_000).trim().slice(0, MAX_QUERY_LENGTH);
}
