/**
 * The fairness benchmark's clients over HTTP. A window opens at t = 0: the fast clients' submissions
 * (duplicates included, shuffled) are fired at once from `fastConcurrency` keep-alive connections,
 * each taking the next submission as soon as its previous one is answered; each slow client arrives
 * at its own moment of the window on a connection of its own. What each submission does is the mode's:
 * first-come booking of the earliest slot with seats, or a request for the draw.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  applicantOf,
  type Client,
  type FairnessDataset,
  type Population,
  type Submission,
} from './fairness-data.ts';
import { type HttpConnection, type HttpResponse, httpConnection } from './load.ts';

/** How one submission ended: "booked", "no_seat", "201", "409 already_booked"… */
export interface Outcome {
  submission: Submission;
  /** When its first request left and its last answer came, in ms after the window opened. */
  startedMs: number;
  endedMs: number;
  result: string;
  /** The request's label (draw mode). */
  label?: string;
  /** HTTP requests it sent. */
  requests: number;
}

export type Act = (
  connection: HttpConnection,
  client: Client,
  submission: Submission,
) => Promise<{ result: string; label?: string; requests: number }>;

export interface WindowRun {
  outcomes: Outcome[];
  elapsedMs: number;
}

/** Runs one window: the fast burst and the slow arrivals, until every submission is answered. */
export async function runWindow(options: {
  port: number;
  population: Population;
  fastConcurrency: number;
  act: Act;
}): Promise<WindowRun> {
  const { port, population, act } = options;
  const outcomes: Outcome[] = [];
  const t0 = performance.now();
  const run = async (connection: HttpConnection, submission: Submission) => {
    const client = population.clients[submission.client] as Client;
    const startedMs = performance.now() - t0;
    let ended: { result: string; label?: string; requests: number };
    try {
      ended = await act(connection, client, submission);
    } catch (error) {
      ended = { result: `error ${(error as Error).message}`, requests: 1 };
    }
    outcomes.push({ submission, startedMs, endedMs: performance.now() - t0, ...ended });
  };

  let next = 0;
  const queue = population.fastQueue;
  const lane = async () => {
    const connection = httpConnection('127.0.0.1', port);
    while (next < queue.length) await run(connection, queue[next++] as Submission);
    connection.close();
  };
  const slow = async (client: Client) => {
    const wait = client.arrivalMs - (performance.now() - t0);
    if (wait > 0) await sleep(wait);
    const connection = httpConnection('127.0.0.1', port);
    for (const submission of client.submissions) await run(connection, submission);
    connection.close();
  };
  const lanes = Math.min(options.fastConcurrency, queue.length);
  await Promise.all([
    ...Array.from({ length: lanes }, lane),
    ...population.slow.map((client) => slow(client)),
  ]);
  return { outcomes, elapsedMs: performance.now() - t0 };
}

const headersOf = (submission: Submission) => `x-forwarded-for: ${submission.address}\r\n`;

function errorCode(response: HttpResponse): string {
  try {
    return String((JSON.parse(response.body.toString('utf8')) as { error?: { code?: string } }).error?.code);
  } catch {
    return 'unreadable';
  }
}

/** Most bookings one submission tries before it gives up. */
const MAX_POSTS = 20;

/** Which listed slot a first-come client books: the earliest with seats, or one at random among them. */
export type SlotChoice = 'earliest' | 'random';

/**
 * First-come: read the availability and book a slot with seats (the earliest, or one at random); on
 * `slot_full`, read it again (the server caches it a second) and book another not yet found full.
 */
export function bookFirstCome(data: FairnessDataset, choice: SlotChoice): Act {
  const availability = `/api/v1/availability?procedure=${data.procedureId}&site=${data.booking.siteId}&from=${data.periodFrom}&to=${data.periodTo}`;
  return async (connection, client, submission) => {
    const headers = headersOf(submission);
    const full = new Set<number>();
    let requests = 0;
    for (let posts = 0; posts < MAX_POSTS; posts++) {
      requests++;
      const answer = await connection.request('GET', availability, undefined, headers);
      if (answer.status !== 200) return { result: `availability ${answer.status}`, requests };
      const { slots } = JSON.parse(answer.body.toString('utf8')) as {
        slots: { id: number; remaining: number }[];
      };
      const open = slots.filter((slot) => slot.remaining > 0 && !full.has(slot.id));
      const chosen = choice === 'earliest' ? open[0] : open[Math.floor(Math.random() * open.length)];
      if (!chosen) return { result: 'no_seat', requests };
      requests++;
      const body = JSON.stringify({
        slotId: chosen.id,
        acceptConditions: true,
        applicant: applicantOf(client, submission),
      });
      const booked = await connection.request('POST', '/api/v1/bookings', body, headers);
      if (booked.status === 201) return { result: 'booked', requests };
      const code = errorCode(booked);
      if (booked.status !== 409 || code !== 'slot_full')
        return { result: `${booked.status} ${code}`, requests };
      full.add(chosen.id);
    }
    return { result: 'gave_up', requests };
  };
}

/** Draw mode: one request for the draw office, any half-day, from any date. */
export function submitRequest(data: FairnessDataset): Act {
  return async (connection, client, submission) => {
    const body = JSON.stringify({
      procedureId: data.procedureId,
      siteIds: [data.draw.siteId],
      acceptConditions: true,
      applicant: applicantOf(client, submission),
    });
    const answer = await connection.request('POST', '/api/v1/requests', body, headersOf(submission));
    if (answer.status === 200 || answer.status === 201) {
      const { label } = JSON.parse(answer.body.toString('utf8')) as { label: string };
      return { result: String(answer.status), label, requests: 1 };
    }
    return { result: `${answer.status} ${errorCode(answer)}`, requests: 1 };
  };
}

/** Counts of results, most frequent first: "booked: 1000, no_seat: 7412". */
export function tallyResults(outcomes: readonly Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.result, (counts.get(o.result) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([result, n]) => `${result}: ${n}`)
    .join(', ');
}
