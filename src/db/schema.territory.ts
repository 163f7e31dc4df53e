import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../modules/territory/localized-text.ts';

// The territory and its catalogue: départements, offices, arrondissements and the procedures offered
// (migration 0001 and later). Part of `Database` in schema.ts.

export type HolidayRegion =
  | 'metropole'
  | 'alsace_moselle'
  | 'guadeloupe'
  | 'martinique'
  | 'guyane'
  | 'reunion'
  | 'mayotte';

export interface DepartmentTable {
  code: string;
  name: string;
  timezone: string;
  holiday_region: HolidayRegion;
}

export type SiteKind = 'prefecture' | 'sous_prefecture' | 'antenne';

export interface SiteTable {
  id: Generated<number>;
  department_code: string;
  name: string;
  kind: SiteKind;
  address: string;
  /** When and how to come to this office (migration 0010); null: nothing particular to say. */
  arrival_advice: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  /** The names of the office's counters (guichets), at least one (migration 0013). */
  counters: Generated<string[]>;
  /** How many calls before a person may be marked missed (migration 0025). */
  calls_before_missed: Generated<number>;
  contact_phone: string | null;
  contact_email: string | null;
  /** How to get there (transport) and how the building is accessible; null: nothing written. */
  transport: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  accessibility: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
}

export interface ArrondissementTable {
  code: string;
  department_code: string;
  name: string;
  site_id: number | null;
}

export interface ProcedureTable {
  id: Generated<number>;
  code: string;
  title: string;
  description: Generated<string>;
  audience: Generated<string>;
  duration_minutes: number;
  documents: Generated<string[]>;
  fees: Generated<string>;
  requires_foreigner_number: Generated<boolean>;
  requires_title_expiry: Generated<boolean>;
  requires_postal_code: Generated<boolean>;
  title_expiry_within_days: number | null;
  title_expired_since_days: number | null;
  /** What the counter requires ("1 rendez-vous = 1 personne = 1 dossier"); null: nothing particular. */
  admission_rule: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  /** Null: the national catalogue; else the département that owns it (migration 0013, decision 0023). */
  department_code: string | null;
  /** When and how to come for this procedure; null: nothing particular to say. */
  arrival_advice: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  /** The texts in English and Arabic, each optional; French (the columns) for what is missing. */
  translations: ColumnType<ProcedureTranslations, ProcedureTranslations | undefined, ProcedureTranslations>;
}

/** One language's version of a procedure's texts: whichever the préfecture wrote. */
export interface ProcedureTranslation {
  title?: string;
  description?: string;
  audience?: string;
  documents?: string[];
  fees?: string;
}

export type ProcedureTranslations = Partial<Record<'en' | 'ar', ProcedureTranslation>>;
