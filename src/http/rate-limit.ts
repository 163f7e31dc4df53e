import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/**
 * Registers @fastify/rate-limit without a global limit: each write route opts in with
 * `config: { rateLimit: writeLimit }`. Counters live in each process's memory, so N instances behind
 * a proxy allow N times the figure; the database invariants, not this limit, prevent overbooking.
 */
export async function registerRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    max: config.rateLimit ? 10 : 1_000_000,
    timeWindow: '1 minute',
  });
}

/** Writes per client address and minute (booking, confirming, cancelling). */
export function writeLimit(config: Config) {
  return config.rateLimit ? { max: 10, timeWindow: '1 minute' } : false;
}
