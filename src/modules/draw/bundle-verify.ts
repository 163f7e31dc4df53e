// Checking a published draw (PRODUCT §5.1) as a third party would: the version, the seed against the
// commitment published before the draw, and the allocation recomputed from the bundle alone.
// `verifyBundle` is pure; `loadBundle` reads a file or fetches a URL. `npm run draw:verify` uses both.
import { readFile } from 'node:fs/promises';
import { allocate, commitmentOf, DRAW_VERSION, type DrawInput, DrawInputError } from './allocation.ts';
import { idKeyOf } from './draw-input.ts';

/** What was checked, in a few human lines, and the verdict with its problems. */
export interface VerifyReport {
  ok: boolean;
  id: unknown;
  requests: number;
  slots: number;
  allocated: number;
  checks: string[];
  problems: string[];
}

/** A bundle that could not be read at all: no such file, an HTTP error, not JSON. */
export class UnreadableBundleError extends Error {
  override readonly name = 'UnreadableBundleError';
}

const FETCH_TIMEOUT_MS = 30_000;
const MAX_DIFFERENCES = 20;

/** Reads a bundle from a file path or an http(s) URL and parses its JSON. */
export async function loadBundle(source: string): Promise<unknown> {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? await fetchText(source) : await readText(source);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnreadableBundleError(`${source} is not JSON (${(error as Error).message})`);
  }
}

async function fetchText(url: string): Promise<string> {
  if (!/^https?:\/\//i.test(url))
    throw new UnreadableBundleError(`${url}: only http and https URLs are read`);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new UnreadableBundleError(`${url} could not be fetched (${(error as Error).message})`);
  }
  if (!response.ok) throw new UnreadableBundleError(`${url} answered HTTP ${response.status}`);
  return response.text();
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UnreadableBundleError(`${file} could not be read (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** Checks a parsed bundle: version, commitment, and the allocation recomputed and compared as sets. */
export function verifyBundle(bundle: unknown): VerifyReport {
  const draw = (typeof bundle === 'object' && bundle !== null ? bundle : {}) as Record<string, unknown>;
  const report: VerifyReport = {
    ok: false,
    id: draw.id ?? null,
    requests: Array.isArray(draw.requests) ? draw.requests.length : 0,
    slots: Array.isArray(draw.slots) ? draw.slots.length : 0,
    allocated: Array.isArray(draw.allocation) ? draw.allocation.length : 0,
    checks: [],
    problems: [],
  };
  report.checks.push(
    `draw ${JSON.stringify(report.id)}: ${report.requests} requests, ${report.slots} slots, ${report.allocated} allocated in the bundle`,
  );
  const versionOk = checkVersion(draw, report);
  checkCommitment(draw, report);
  if (versionOk) checkAllocation(draw, report);
  report.ok = report.problems.length === 0;
  return report;
}

function fail(report: VerifyReport, problem: string): false {
  report.problems.push(problem);
  report.checks.push(`✘ ${problem}`);
  return false;
}

function checkVersion(draw: Record<string, unknown>, report: VerifyReport): boolean {
  if (draw.version !== DRAW_VERSION) {
    return fail(
      report,
      `version is ${JSON.stringify(draw.version)}, this verifier knows "${DRAW_VERSION}" only`,
    );
  }
  report.checks.push(`✔ version ${DRAW_VERSION}`);
  return true;
}

function checkCommitment(draw: Record<string, unknown>, report: VerifyReport): void {
  const { seed, commitment } = draw;
  if (typeof seed !== 'string' || !/^[0-9a-fA-F]{64}$/.test(seed)) {
    fail(report, 'seed is not 64 hexadecimal digits');
  } else if (typeof commitment !== 'string' || commitmentOf(seed) !== commitment) {
    fail(
      report,
      `commitment ${JSON.stringify(commitment)} is not the SHA-256 of the seed (${commitmentOf(seed)})`,
    );
  } else {
    report.checks.push(`✔ commitment ${commitment.slice(0, 16)}… is the SHA-256 of the published seed`);
  }
}

function checkAllocation(draw: Record<string, unknown>, report: VerifyReport): void {
  let result: ReturnType<typeof allocate>;
  try {
    result = allocate(draw as unknown as DrawInput);
  } catch (error) {
    if (!(error instanceof DrawInputError)) throw error;
    fail(report, `the draw cannot be recomputed: ${error.message}`);
    return;
  }
  const beacon = draw.beacon === '' ? 'no beacon' : `beacon ${String(draw.beacon).slice(0, 16)}…`;
  report.checks.push(`✔ key ${result.key.slice(0, 16)}… from the seed, the id and ${beacon}`);
  const problemsBefore = report.problems.length;
  const published = publishedAllocation(draw.allocation, report);
  if (published === undefined) return;
  const recomputed = new Map(
    result.allocation.map(({ label, slotId }) => [label, idKeyOf(slotId, 'slotId')]),
  );
  const differences = [...new Set([...published.keys(), ...recomputed.keys()])]
    .filter((label) => published.get(label) !== recomputed.get(label))
    .map((label) => {
      const slot = (key: string | undefined) => (key === undefined ? 'none' : `slot ${key}`);
      return `${JSON.stringify(label)}: the bundle gives ${slot(published.get(label))}, the draw gives ${slot(recomputed.get(label))}`;
    });
  for (const difference of differences.slice(0, MAX_DIFFERENCES)) fail(report, difference);
  if (differences.length > MAX_DIFFERENCES) {
    fail(report, `… and ${differences.length - MAX_DIFFERENCES} more differences in the allocation`);
  }
  if (report.problems.length === problemsBefore) {
    report.checks.push(`✔ allocation recomputed: the same ${recomputed.size} requests in the same slots`);
  }
}

/** The bundle's allocation as label → canonical slot id, or undefined (with a problem) when malformed. */
function publishedAllocation(value: unknown, report: VerifyReport): Map<string, string> | undefined {
  if (!Array.isArray(value)) {
    fail(report, 'allocation is not a list');
    return undefined;
  }
  const published = new Map<string, string>();
  for (const [index, entry] of value.entries()) {
    const { label, slotId } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    let slotKey: string;
    try {
      if (typeof label !== 'string') {
        throw new DrawInputError(`allocation[${index}].label`, 'expected a string');
      }
      slotKey = idKeyOf(slotId, `allocation[${index}].slotId`);
    } catch (error) {
      fail(report, (error as Error).message);
      continue;
    }
    if (published.has(label)) {
      fail(report, `${JSON.stringify(label)} appears more than once in the allocation`);
    } else {
      published.set(label, slotKey);
    }
  }
  return published;
}

/** The last line `npm run draw:verify` prints. */
export function verdictLine(report: VerifyReport): string {
  const { ok, id, requests, slots, allocated, problems } = report;
  return JSON.stringify({ ok, id, requests, slots, allocated, problems });
}
