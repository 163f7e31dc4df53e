import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Coverage } from './permissions.ts';

/** The columns of a query that say where a row is: its site and that site's département. */
export interface PlaceColumns {
  siteId: string;
  departmentCode: string;
}

/**
 * The SQL form of a coverage, for `.where(...)`: the rows whose site or département it reaches. Every
 * list an agent reads goes through it, so that a list never shows what `authorize` would refuse.
 */
export function coverageFilter(coverage: Coverage, columns: PlaceColumns): RawBuilder<SqlBool> {
  if (coverage.national) return sql<SqlBool>`true`;
  const parts: RawBuilder<SqlBool>[] = [];
  if (coverage.departmentCodes.size > 0) {
    parts.push(
      sql<SqlBool>`${sql.ref(columns.departmentCode)} = any(${[...coverage.departmentCodes]}::text[])`,
    );
  }
  if (coverage.siteIds.size > 0) {
    parts.push(sql<SqlBool>`${sql.ref(columns.siteId)} = any(${[...coverage.siteIds]}::integer[])`);
  }
  if (parts.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
