import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { healthy, waitUntil } from './load.ts';

/**
 * Outages of a real PostgreSQL, for the fault tests and bench/faults.ts:
 * - `stop`: a fast shutdown (SIGINT to the postmaster), as `pg_ctl stop` does;
 * - `kill`: SIGKILL of the postmaster, as the OOM killer does; its backends are left behind for a moment;
 * - `freeze`: SIGSTOP of the postmaster and every backend, as a hung host or a paused VM: connections
 *   stay open and nothing answers, until SIGCONT.
 */
export type FaultKind = 'stop' | 'kill' | 'freeze';

/** The pid written in `postmaster.pid` of a cluster folder (DATA_DIR/postgres), if it names a live process. */
export function postmasterPid(clusterDir: string): number | undefined {
  const file = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster and every process whose parent it is, read from /proc. */
export function postgresProcesses(postmaster: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name, in parentheses, may hold spaces: the parent's pid is the 2nd field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return [postmaster, ...children];
}

export interface Outage {
  kind: FaultKind;
  /** On the load's clock (ms): the fault is injected, removed (SIGCONT; for the others, = startedAt), and /health is 200 again. */
  startedAt: number;
  removedAt: number;
  recoveredAt: number;
}

export interface FaultOptions {
  /** DATA_DIR/postgres of the server's embedded PostgreSQL. */
  clusterDir: string;
  baseUrl: string;
  /** The load's clock. */
  now: () => number;
  /** How long a freeze lasts. */
  freezeMs: number;
  /** Run while the fault is in place (a freeze) or right after it (a stop or a kill). */
  during?: () => Promise<void>;
  recoveryTimeoutMs?: number;
}

/**
 * Injects one fault into the embedded PostgreSQL of a running Créneau and waits until Créneau has
 * recovered by itself: a new postmaster after a stop or a kill (started by Créneau's watchdog), and
 * GET /health 200 again.
 */
export async function injectFault(kind: FaultKind, options: FaultOptions): Promise<Outage> {
  const postmaster = postmasterPid(options.clusterDir);
  if (!postmaster) throw new Error(`no PostgreSQL running in ${options.clusterDir}`);
  const startedAt = options.now();
  let removedAt = startedAt;
  if (kind === 'freeze') {
    const frozen = postgresProcesses(postmaster);
    signal(frozen, 'SIGSTOP');
    try {
      await options.during?.();
      await sleep(Math.max(0, startedAt + options.freezeMs - options.now()));
    } finally {
      signal(frozen, 'SIGCONT');
      removedAt = options.now();
    }
  } else {
    process.kill(postmaster, kind === 'kill' ? 'SIGKILL' : 'SIGINT');
    await options.during?.();
    const timeout = options.recoveryTimeoutMs ?? 60_000;
    await waitUntil(
      'a new PostgreSQL',
      async () => (postmasterPid(options.clusterDir) ?? postmaster) !== postmaster,
      timeout,
    );
  }
  await waitUntil(
    '/health 200 after the outage',
    () => healthy(options.baseUrl),
    options.recoveryTimeoutMs ?? 60_000,
  );
  return { kind, startedAt, removedAt, recoveredAt: options.now() };
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}
