import { field } from '../web/forms.ts';

// What the directory's addresses may hold: a département code (01–95, 2A, 2B, 971–976) and a
// procedure code; anything else names nothing (a 404). Step 1 and 2's addresses are the directory's too.

/** A département code as written in an address. */
export const DEPARTMENT_CODE = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;
/** A procedure code as written in an address. */
export const PROCEDURE_CODE = /^[a-z0-9][a-z0-9-]{0,79}$/;

const MAX_QUERY_LENGTH = 100;

/** The commune search's query: trimmed, and cut at a length no commune name reaches. */
export function searchQuery(query: unknown): string {
  return field(query, 'q', 10_000).trim().slice(0, MAX_QUERY_LENGTH);
}
