import type { Executor } from '../../db/database.ts';
import type { ReleaseMode } from '../../db/schema.ts';
import { firstComeOffers } from './offers.repository.ts';
import type { ReleasePolicy, ReleaseSchedule } from './release-policy.ts';

/** The policy columns of an offer, as stored (times 'HH:MM:SS'). */
export interface PolicyColumns {
  releaseMode: ReleaseMode;
  releaseWeekdays: number[];
  releaseTime: string | null;
  releaseWindowStart: string | null;
  releaseWindowEnd: string | null;
}

/** The select list of the policy columns, for a query with `offer`. */
export const POLICY_COLUMNS = [
  'offer.release_mode as releaseMode',
  'offer.release_weekdays as releaseWeekdays',
  'offer.release_time as releaseTime',
  'offer.release_window_start as releaseWindowStart',
  'offer.release_window_end as releaseWindowEnd',
] as const;

const hhmm = (time: string | null) => (time ?? '00:00').slice(0, 5);

/** The policy the columns describe (the table's check guarantees each mode its settings). */
export function policyOf(columns: PolicyColumns): ReleasePolicy {
  const weekdays = [...columns.releaseWeekdays].sort((a, b) => a - b);
  if (columns.releaseMode === 'fixed') return { mode: 'fixed', weekdays, time: hhmm(columns.releaseTime) };
  if (columns.releaseMode === 'random') {
    return {
      mode: 'random',
      weekdays,
      windowStart: hhmm(columns.releaseWindowStart),
      windowEnd: hhmm(columns.releaseWindowEnd),
    };
  }
  return { mode: 'rolling' };
}

/** The columns a policy is stored in, with the release state it starts from. */
export function policyColumns(
  policy: ReleasePolicy,
  state: { releasedThrough: string | null; nextReleaseAt: Date | null },
) {
  return {
    release_mode: policy.mode,
    release_weekdays: policy.mode === 'rolling' ? [1, 2, 3, 4, 5, 6, 7] : [...policy.weekdays],
    release_time: policy.mode === 'fixed' ? policy.time : null,
    release_window_start: policy.mode === 'random' ? policy.windowStart : null,
    release_window_end: policy.mode === 'random' ? policy.windowEnd : null,
    released_through: policy.mode === 'rolling' ? null : state.releasedThrough,
    next_release_at: policy.mode === 'rolling' ? null : state.nextReleaseAt,
  };
}

/** A release whose moment has come, for the release job. */
export interface DueRelease {
  offerId: number;
  zone: string;
  publicationDays: number;
  releasedThrough: string | null;
  policy: ReleaseSchedule;
}

/**
 * The first-come offer whose release is the most overdue at `now`, its row locked for the caller's
 * transaction; offers another instance is releasing are skipped.
 */
export async function findDueRelease(trx: Executor, now: Date): Promise<DueRelease | undefined> {
  const row = await firstComeOffers(trx)
    .select([
      'offer.id as offerId',
      'department.timezone as zone',
      'offer.publication_days as publicationDays',
      'offer.released_through as releasedThrough',
      ...POLICY_COLUMNS,
    ])
    .where('offer.next_release_at', '<=', now)
    .orderBy('offer.next_release_at')
    .limit(1)
    .forNoKeyUpdate('offer')
    .skipLocked()
    .executeTakeFirst();
  if (!row) return undefined;
  const policy = policyOf(row);
  if (policy.mode === 'rolling') return undefined;
  return { ...row, policy };
}

/** Records a release: the days released so far and the moment of the next one. */
export async function recordRelease(
  trx: Executor,
  offerId: number,
  release: { releasedThrough: string; nextAt: Date },
): Promise<void> {
  await trx
    .updateTable('offer')
    .set({ released_through: release.releasedThrough, next_release_at: release.nextAt })
    .where('id', '=', offerId)
    .execute();
}
