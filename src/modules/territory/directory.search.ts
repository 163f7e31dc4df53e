import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Db } from '../../db/database.ts';
import { findCompetentSites, listDepartments } from './directory.repository.ts';
import { communesOfPostalCode } from './postal-codes.ts';

/** A commune found by a search, with the office competent for it when Créneau serves its département. */
export interface CommuneResult {
  code: string;
  name: string;
  /** The postal codes of the commune, or the one searched. */
  postalCodes: string[];
  departmentCode: string;
  /** From `@etalab/decoupage-administratif`, also for départements Créneau does not serve. */
  departmentName: string;
  served: boolean;
  site: { id: number; name: string; address: string } | null;
}

/** The outcome of a search: what the query was read as, and the communes found. */
export interface CommuneSearch {
  kind: 'postal_code' | 'name' | 'too_short';
  results: CommuneResult[];
}

export const MAX_RESULTS = 20;

/** A commune of the name index. */
export interface IndexedCommune {
  code: string;
  name: string;
  key: string;
  department: string;
  arrondissement: string | null;
  postalCodes: string[];
  population: number;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  arrondissement?: string;
  codesPostaux?: string[];
  population?: number;
}

interface RawArea {
  code: string;
  nom: string;
  region?: string;
}

let communes: IndexedCommune[] | undefined;
let departments: Map<string, RawArea> | undefined;
let regions: Map<string, string> | undefined;

/** Lower case, without accents, every run of punctuation or spaces as one space: "Saint-Étienne" → "saint etienne". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The name of any French département (served or not) from its code. */
export function departmentNameOf(code: string): string | undefined {
  return loadAreas().departments.get(code)?.nom;
}

/** The name of the region of a département, for grouping the list of départements. */
export function regionNameOf(departmentCode: string): string | undefined {
  const { departments: all, regions: names } = loadAreas();
  const region = all.get(departmentCode)?.region;
  return region ? names.get(region) : undefined;
}

/**
 * The communes whose name matches the query, accents and case aside: exact names first, then names
 * starting with the query, then names with a word starting with it; larger communes first within each.
 */
export function searchCommunesByName(query: string, limit = MAX_RESULTS): IndexedCommune[] {
  const key = normalizeName(query);
  if (key.length < 2) return [];
  const ranked: { commune: IndexedCommune; rank: number }[] = [];
  for (const commune of loadCommunes()) {
    const rank =
      commune.key === key ? 0 : commune.key.startsWith(key) ? 1 : commune.key.includes(` ${key}`) ? 2 : -1;
    if (rank >= 0) ranked.push({ commune, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.commune.population - a.commune.population ||
      a.commune.name.localeCompare(b.commune.name, 'fr'),
  );
  return ranked.slice(0, limit).map((entry) => entry.commune);
}

/**
 * The communes matching a postal code (five digits) or a name, each with its competent office:
 * commune → arrondissement → the office serving that arrondissement.
 */
export async function searchCompetentOffices(db: Db, query: string): Promise<CommuneSearch> {
  const trimmed = query.trim();
  let kind: CommuneSearch['kind'];
  let found: Omit<IndexedCommune, 'key' | 'population'>[];
  if (/^\d{5}$/.test(trimmed)) {
    kind = 'postal_code';
    found = communesOfPostalCode(trimmed)
      .slice(0, MAX_RESULTS)
      .map((commune) => ({ ...commune, postalCodes: [trimmed] }));
  } else if (normalizeName(trimmed).length >= 2) {
    kind = 'name';
    found = searchCommunesByName(trimmed);
  } else {
    return { kind: 'too_short', results: [] };
  }

  const arrondissements = [...new Set(found.flatMap((c) => (c.arrondissement ? [c.arrondissement] : [])))];
  const [sites, served] = await Promise.all([findCompetentSites(db, arrondissements), listDepartments(db)]);
  const servedCodes = new Set(served.map((department) => department.code));
  const siteOf = new Map(sites.map((site) => [site.arrondissement, site]));
  const results = found.map((commune): CommuneResult => {
    const site = commune.arrondissement ? siteOf.get(commune.arrondissement) : undefined;
    return {
      code: commune.code,
      name: commune.name,
      postalCodes: commune.postalCodes,
      departmentCode: commune.department,
      departmentName: departmentNameOf(commune.department) ?? commune.department,
      served: servedCodes.has(commune.department),
      site: site ? { id: site.siteId, name: site.siteName, address: site.siteAddress } : null,
    };
  });
  return { kind, results };
}

// communes.json is 8 MB: read on the first search only, like postal-codes.ts does.
function loadCommunes(): IndexedCommune[] {
  if (communes) return communes;
  const raw = readData<RawCommune[]>('communes.json');
  // Whole communes only: Paris, Lyon and Marseille are found by name as one city (the postal code
  // search lists their municipal arrondissements), and communes déléguées have no postal code.
  communes = raw
    .filter((commune) => commune.type === 'commune-actuelle' && commune.departement)
    .map((commune) => ({
      code: commune.code,
      name: commune.nom,
      key: normalizeName(commune.nom),
      department: commune.departement ?? '',
      arrondissement: commune.arrondissement || null,
      postalCodes: commune.codesPostaux ?? [],
      population: commune.population ?? 0,
    }));
  return communes;
}

function loadAreas(): { departments: Map<string, RawArea>; regions: Map<string, string> } {
  if (!departments || !regions) {
    departments = new Map(readData<RawArea[]>('departements.json').map((d) => [d.code, d]));
    regions = new Map(readData<RawArea[]>('regions.json').map((r) => [r.code, r.nom]));
  }
  return { departments, regions };
}

function readData<T>(name: string): T {
  const require = createRequire(import.meta.url);
  return JSON.parse(
    readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}`), 'utf8'),
  ) as T;
}
