import type { Db } from '../../db/database.ts';
import type { Channel, ProcedureTranslations, SiteKind } from '../../db/schema.ts';
import { nextFreeByOffer, offersWithPlace } from '../schedule/offers.repository.ts';
import type { LocalizedText } from './localized-text.ts';

/** A département served by Créneau. */
export interface DirectoryDepartment {
  code: string;
  name: string;
  timezone: string;
}

/** An office of a département with the arrondissements it is competent for. */
export interface DirectorySite {
  id: number;
  name: string;
  kind: SiteKind;
  address: string;
  arrondissements: string[];
  /** How to reach the office, as its agents configured it (null: not given). */
  contactPhone: string | null;
  contactEmail: string | null;
  transport: LocalizedText | null;
  accessibility: LocalizedText | null;
}

/** One procedure at one office, with how to apply there. */
export interface DirectoryOffer {
  offerId: number;
  channel: Channel;
  instructions: string;
  contactEmail: string | null;
  url: string | null;
  postalAddress: string | null;
  updatedOn: string;
  siteId: number;
  siteName: string;
  siteAddress: string;
  procedureId: number;
  procedureCode: string;
  procedureTitle: string;
  /** The title in English or Arabic, when written (procedure-texts.ts). */
  procedureTranslations: ProcedureTranslations;
}

/** What step 1 (Descriptif) tells about a procedure. */
export interface DirectoryProcedure {
  id: number;
  code: string;
  title: string;
  description: string;
  audience: string;
  durationMinutes: number;
  documents: string[];
  fees: string;
  /** What the counter requires to receive the applicant ("1 rendez-vous = 1 personne = 1 dossier"). */
  admissionRule: LocalizedText | null;
  /** When and how to come for this procedure. */
  arrivalAdvice: LocalizedText | null;
  /** The texts in English or Arabic, when written (procedure-texts.ts). */
  translations: ProcedureTranslations;
}

/** The office competent for an arrondissement, with its département. */
export interface CompetentSite {
  arrondissement: string;
  siteId: number;
  siteName: string;
  siteAddress: string;
  departmentCode: string;
}

/** Every département served, ordered by code. */
export async function listDepartments(db: Db): Promise<DirectoryDepartment[]> {
  return db.selectFrom('department').select(['code', 'name', 'timezone']).orderBy('code').execute();
}

/** The département with this code, if Créneau serves it. */
export async function findDepartment(db: Db, code: string): Promise<DirectoryDepartment | undefined> {
  return db
    .selectFrom('department')
    .select(['code', 'name', 'timezone'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The offices of a département, préfecture first, each with the names of the arrondissements it serves. */
export async function listSitesOfDepartment(db: Db, departmentCode: string): Promise<DirectorySite[]> {
  const [sites, arrondissements] = await Promise.all([
    db
      .selectFrom('site')
      .select([
        'id',
        'name',
        'kind',
        'address',
        'contact_phone as contactPhone',
        'contact_email as contactEmail',
        'transport',
        'accessibility',
      ])
      .where('department_code', '=', departmentCode)
      .orderBy('kind')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('arrondissement')
      .select(['name', 'site_id as siteId'])
      .where('department_code', '=', departmentCode)
      .orderBy('code')
      .execute(),
  ]);
  return sites.map((site) => ({
    ...site,
    arrondissements: arrondissements.filter((a) => a.siteId === site.id).map((a) => a.name),
  }));
}

/** The offers of a département (of one procedure when given), by procedure then office. */
export async function listOffersOfDepartment(
  db: Db,
  departmentCode: string,
  procedureCode?: string,
): Promise<DirectoryOffer[]> {
  let query = offersWithPlace(db)
    .select([
      'offer.id as offerId',
      'offer.channel',
      'offer.instructions',
      'offer.contact_email as contactEmail',
      'offer.url',
      'offer.postal_address as postalAddress',
      'offer.updated_on as updatedOn',
      'site.id as siteId',
      'site.name as siteName',
      'site.address as siteAddress',
      'procedure.id as procedureId',
      'procedure.code as procedureCode',
      'procedure.title as procedureTitle',
      'procedure.translations as procedureTranslations',
    ])
    .where('department.code', '=', departmentCode);
  if (procedureCode !== undefined) query = query.where('procedure.code', '=', procedureCode);
  return query.orderBy('procedure.id').orderBy('site.kind').orderBy('site.name').execute();
}

/** The procedure with this code. */
export async function findProcedure(db: Db, code: string): Promise<DirectoryProcedure | undefined> {
  return db
    .selectFrom('procedure')
    .select([
      'id',
      'code',
      'title',
      'description',
      'audience',
      'duration_minutes as durationMinutes',
      'documents',
      'fees',
      'admission_rule as admissionRule',
      'arrival_advice as arrivalAdvice',
      'translations',
    ])
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * The start of the earliest bookable slot after `now`, per offer (offers without one are absent). Built
 * on the public pool: a draw offer's id given here finds nothing.
 */
export async function nextFreeSlots(db: Db, offerIds: number[], now: Date): Promise<Map<number, Date>> {
  return nextFreeByOffer(db, offerIds, now);
}

/** The offices competent for these arrondissements (arrondissements without an office are absent). */
export async function findCompetentSites(db: Db, arrondissementCodes: string[]): Promise<CompetentSite[]> {
  if (arrondissementCodes.length === 0) return [];
  return db
    .selectFrom('arrondissement')
    .innerJoin('site', 'site.id', 'arrondissement.site_id')
    .select([
      'arrondissement.code as arrondissement',
      'site.id as siteId',
      'site.name as siteName',
      'site.address as siteAddress',
      'site.department_code as departmentCode',
    ])
    .where('arrondissement.code', 'in', arrondissementCodes)
    .execute();
}
