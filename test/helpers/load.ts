import { setTimeout as sleep } from 'node:timers/promises';
import { applicant } from './fixtures.ts';

/** One request of a load: what to ask for, named for the figures. */
export interface LoadRequest {
  name: string;
  path: string;
  init?: RequestInit;
}

/**
 * The n-th booking of a load: a new applicant each time (numbered from `firstApplicant`, so that loads
 * of one database never collide), spread over the given slots.
 */
export function bookingRequest(slotIds: number[], firstApplicant: number, n: number): LoadRequest {
  return {
    name: 'booking',
    path: '/api/v1/bookings',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        slotId: slotIds[n % slotIds.length],
        acceptConditions: true,
        applicant: applicant(firstApplicant + n),
      }),
    },
  };
}

/** One answer (or failure) seen by the load. */
export interface Sample {
  name: string;
  /** When the request started, in ms since the load started. */
  at: number;
  ms: number;
  /** HTTP status; 0 when the connection failed, -1 when no answer came within `timeoutMs`. */
  status: number;
  retryAfter: string | null;
  contentType: string;
  /** The JSON body of a 201, to know which bookings were answered. */
  created?: { id: string; reference: string };
}

export interface LoadOptions {
  baseUrl: string;
  /** The n-th request of the load (n from 0). */
  request: (n: number) => LoadRequest;
  workers: number;
  /** Bounds: the load stops after this many requests or this long, whichever comes first. */
  maxRequests: number;
  maxMs: number;
  /** A request with no answer after this long counts as a hang (status -1). */
  timeoutMs: number;
  /** Pause of each worker between two requests, to leave the machine to the server. */
  pauseMs?: number;
}

export interface Load {
  /** Milliseconds since the load started, on the clock of `Sample.at`. */
  now(): number;
  samples: Sample[];
  /** Stops sending, waits for the requests in flight, and returns every sample. */
  stop(): Promise<Sample[]>;
}

/** Runs a bounded HTTP load of a few concurrent workers on a loopback server, keeping every answer. */
export function startLoad(options: LoadOptions): Load {
  const started = performance.now();
  const now = () => performance.now() - started;
  const samples: Sample[] = [];
  let next = 0;
  let stopped = false;

  async function one(n: number): Promise<void> {
    const request = options.request(n);
    const at = now();
    const sample: Sample = { name: request.name, at, ms: 0, status: 0, retryAfter: null, contentType: '' };
    try {
      const response = await fetch(`${options.baseUrl}${request.path}`, {
        ...request.init,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const body = await response.text();
      sample.status = response.status;
      sample.retryAfter = response.headers.get('retry-after');
      sample.contentType = response.headers.get('content-type') ?? '';
      if (response.status === 201) sample.created = JSON.parse(body);
    } catch (error) {
      sample.status = (error as Error).name === 'TimeoutError' ? -1 : 0;
    }
    sample.ms = now() - at;
    samples.push(sample);
  }

  async function worker(): Promise<void> {
    while (!stopped && next < options.maxRequests && now() < options.maxMs) {
      await one(next++);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  }

  const workers = Array.from({ length: options.workers }, worker);
  return {
    now,
    samples,
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
      return samples;
    },
  };
}

/** Counts of samples by status, e.g. `{ "200": 40, "503": 3 }`. */
export function statusCounts(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of samples) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** Polls `check` until it returns true, or throws after `timeoutMs` naming `what`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Whether GET /health answers 200 now. */
export async function healthy(baseUrl: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  return response.status === 200;
}
