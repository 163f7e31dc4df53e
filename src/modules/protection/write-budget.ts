import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { countWrite, deleteWindowsStartedBy } from './write-budget.repository.ts';

// One budget of writes per client address, shared by every instance because it lives in PostgreSQL
// (decision 0011). A fixed window: the first write of a client opens a window of WRITE_BUDGET.windowMs
// in which it may make WRITE_BUDGET.max writes; the next write after the window opens a new one.

/** Writes one client address may make per window, across every route and every instance. */
export const WRITE_BUDGET = { max: 10, windowMs: 60_000 } as const;

/** Where a client stands in its window after one more write. */
export interface Spent {
  /** Writes in the window, this one included (over `max` once the budget is spent). */
  used: number;
  /** Milliseconds until the window ends and the budget is whole again. */
  ttlMs: number;
}

/** The row key of an address: a keyed hash, so that the table holds no IP address (personal data). */
export function clientKey(secretKey: string, address: string): string {
  return createHmac('sha256', secretKey).update(`write-budget:${address}`).digest('base64url');
}

/** Counts one write of `client` at `now` (see `countWrite`) and says where the client stands. */
export async function spendWrite(db: Db, client: string, now: Date, windowMs: number): Promise<Spent> {
  const row = await countWrite(db, client, now, windowMs);
  // Instances' clocks differ by a little: never announce a wait outside (0, windowMs].
  const ttlMs = row.windowStart.getTime() + windowMs - now.getTime();
  return { used: row.used, ttlMs: Math.min(windowMs, Math.max(1, ttlMs)) };
}

/** Deletes the windows over at `now`: a client without a row simply has its whole budget. */
export async function purgeWriteBudget(db: Db, now: Date, windowMs = WRITE_BUDGET.windowMs): Promise<number> {
  return deleteWindowsStartedBy(db, new Date(now.getTime() - windowMs));
}

/**
 * A store for @fastify/rate-limit backed by `write_budget`. Every route shares the one store (`child`
 * returns it unchanged), so the budget is per address, never per route.
 */
export function writeBudgetStore(options: {
  db: Db;
  clock: Clock;
  secretKey: string;
}): FastifyRateLimitStoreCtor {
  const { db, clock, secretKey } = options;
  return class PostgresWriteBudget implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      spendWrite(db, clientKey(secretKey, key), clock.now(), timeWindow).then(
        (spent) => callback(null, { current: spent.used, ttl: spent.ttlMs }),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
