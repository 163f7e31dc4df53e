import type { ColumnType, Generated } from 'kysely';
import type { Id, Locale, Timestamp } from './schema.ts';

// The table of permit pick-up (migration 0023). Part of `Database` in schema.ts.

/** 'ready': made and waiting at the office for its holder; 'collected': handed over (final). */
export type PermitStatus = 'ready' | 'collected';

/** A residence permit waiting at an office, announced to its holder with a short reference. */
export interface PermitTable {
  id: Generated<Id>;
  site_id: number;
  foreigner_number: string;
  reference: string;
  status: Generated<PermitStatus>;
  last_name: string | null;
  first_name: string | null;
  email: string | null;
  phone: string | null;
  locale: Generated<Locale>;
  ready_at: ColumnType<Date, Date | string | undefined, Date | string>;
  ready_by: number | null;
  collected_at: Timestamp | null;
  collected_by: number | null;
}
