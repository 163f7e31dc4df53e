import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A commune (or a municipal arrondissement of Paris, Lyon, Marseille) served by a postal code. */
export interface PostalCommune {
  /** INSEE code, e.g. "74010" for Annecy, "75101" for Paris 1er. */
  code: string;
  name: string;
  department: string;
  /** The arrondissement (sous-préfecture area), e.g. "741"; null where the data has none (Mayotte, COM). */
  arrondissement: string | null;
}

/** The fields we read from `@etalab/decoupage-administratif`'s `data/communes.json`. */
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  arrondissement?: string;
  commune?: string;
  codesPostaux?: string[];
}

interface PostalIndex {
  communes: Map<string, PostalCommune[]>;
  departments: Map<string, ReadonlySet<string>>;
}

const EMPTY: ReadonlySet<string> = new Set();
let index: PostalIndex | undefined;

/** The départements whose communes use this postal code; empty when the code is unknown. */
export function departmentsOfPostalCode(postalCode: string): ReadonlySet<string> {
  return loadIndex().departments.get(postalCode.trim()) ?? EMPTY;
}

/**
 * The communes served by a postal code, sorted by name. In Paris, Lyon and Marseille the municipal
 * arrondissements are listed instead of the whole city, since each has its own postal codes.
 */
export function communesOfPostalCode(postalCode: string): PostalCommune[] {
  return (loadIndex().communes.get(postalCode.trim()) ?? []).map((commune) => ({ ...commune }));
}

/** Whether at least one commune of this postal code lies in the département. */
export function postalCodeBelongsTo(postalCode: string, departmentCode: string): boolean {
  return departmentsOfPostalCode(postalCode).has(departmentCode);
}

// The file is 8 MB: read it on first use only, so that processes which never look up a postal
// code (workers, migrations) do not pay for it.
function loadIndex(): PostalIndex {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawCommune[];
  index = buildIndex(raw);
  return index;
}

function buildIndex(raw: RawCommune[]): PostalIndex {
  // Cities split into municipal arrondissements (Paris, Lyon, Marseille) also list every postal
  // code on the city itself; the arrondissements say more precisely where the applicant lives.
  const split = new Set<string>();
  for (const commune of raw) {
    if (commune.type === 'arrondissement-municipal' && commune.commune) split.add(commune.commune);
  }

  const communes = new Map<string, PostalCommune[]>();
  const departments = new Map<string, Set<string>>();
  for (const commune of raw) {
    const kept =
      (commune.type === 'commune-actuelle' && !split.has(commune.code)) ||
      commune.type === 'arrondissement-municipal';
    // Communes déléguées and associées carry no postal code of their own in this data set.
    if (!kept || !commune.departement) continue;
    const entry: PostalCommune = {
      code: commune.code,
      name: commune.nom,
      department: commune.departement,
      arrondissement: commune.arrondissement || null,
    };
    for (const postalCode of commune.codesPostaux ?? []) {
      const list = communes.get(postalCode) ?? [];
      list.push(entry);
      communes.set(postalCode, list);
      const set = departments.get(postalCode) ?? new Set<string>();
      set.add(commune.departement);
      departments.set(postalCode, set);
    }
  }
  for (const list of communes.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return { communes, departments };
}
