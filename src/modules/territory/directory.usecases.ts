import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { isFirstCome } from '../schedule/channels.ts';
import {
  type DirectoryDepartment,
  findDepartment,
  listDepartments,
  listOffersOfDepartment,
  listSitesOfDepartment,
  nextFreeSlots,
} from './directory.repository.ts';
import { searchCompetentOffices } from './directory.search.ts';
import type { DepartmentPage, SearchPage } from './directory.views.ts';

// The directory's pages as use cases: each returns the data its view shows, nothing rendered.

interface DirectoryDeps {
  db: Db;
  clock: Clock;
}

/** Every département served, for the home page. */
export function servedDepartments(deps: Pick<DirectoryDeps, 'db'>): Promise<DirectoryDepartment[]> {
  return listDepartments(deps.db);
}

/** The communes matching what was typed, each with its competent office. */
export async function searchCommunes(deps: Pick<DirectoryDeps, 'db'>, query: string): Promise<SearchPage> {
  return { query, search: await searchCompetentOffices(deps.db, query) };
}

/** A département's offices and offers with the next free slot of each booking offer; undefined if unknown. */
export async function departmentDirectory(
  deps: DirectoryDeps,
  code: string,
): Promise<DepartmentPage | undefined> {
  const department = await findDepartment(deps.db, code);
  if (!department) return undefined;
  const [sites, offers] = await Promise.all([
    listSitesOfDepartment(deps.db, code),
    listOffersOfDepartment(deps.db, code),
  ]);
  const bookingOffers = offers.filter((offer) => isFirstCome(offer.channel)).map((offer) => offer.offerId);
  const nextFree = await nextFreeSlots(deps.db, bookingOffers, deps.clock.now());
  return { department, sites, offers, nextFree };
}
