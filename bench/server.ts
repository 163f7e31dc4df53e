import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/server-process.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Créneau server the benchmark runs as a child process. */
export interface ServerProcess {
  port: number;
  pid: number;
  /** The last lines it printed, to explain a failure. */
  output(): string;
  /** CPU seconds (user + system) the process has used so far, from /proc; 0 where unavailable. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node --experimental-strip-types src/server.ts` on a free loopback port with captcha and
 * rate limits off and the in-process mail capture, and waits until GET /health answers 200.
 */
export async function startServer(options: {
  databaseUrl: string;
  dataDir: string;
  /** Where to send mail; by default none, and the server runs its in-process mail capture. */
  smtpUrl?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    SECRET_KEY: randomBytes(32).toString('base64url'),
    PORT: String(port),
    HOST: '127.0.0.1',
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'warn',
    MAX_ACTIVE_PER_EMAIL: '3',
    NODE_ENV: 'development',
  };
  if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
  else delete env.SMTP_URL;
  delete env.PUBLIC_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--experimental-strip-types', 'src/server.ts'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: ServerProcess = {
    port,
    pid: child.pid ?? 0,
    output: () => output.trim().split('\n').slice(-15).join('\n'),
    cpuSeconds: () => processCpuSeconds(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      await response.arrayBuffer();
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await server.stop();
  throw new Error(`the server did not become healthy:\n${server.output()}`);
}

/** CPU seconds of a process from /proc/PID/stat (utime + stime, all threads); 0 where unavailable. */
export function processCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by each process of the PostgreSQL whose data directory is `dbDir`: the
 * postmaster and its children. Compare two snapshots with `cpuSince`.
 */
export function postgresCpu(dbDir: string): Map<number, number> {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  let postmaster = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    // no /proc: no figures
  }
  for (const name of entries) {
    const pid = Number(name);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(pid, { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
      if (!postmaster) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        if (cmdline.includes(dbDir) && cmdline.some((arg) => arg.endsWith('postgres'))) postmaster = pid;
      }
    } catch {
      // the process ended while we looked
    }
  }
  const ours = new Map<number, number>();
  for (const [pid, stat] of stats)
    if (postmaster && (pid === postmaster || stat.ppid === postmaster)) ours.set(pid, stat.cpu);
  return ours;
}

/** CPU seconds used between two snapshots; processes that ended in between are not counted. */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}

/** CPU seconds the whole machine has spent busy (not idle, not waiting for I/O), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...values] = line.trim().split(/\s+/);
    const n = values.map(Number);
    const total = n.reduce((a, b) => a + b, 0);
    const idle = (n[3] ?? 0) + (n[4] ?? 0);
    return (total - idle) / 100;
  } catch {
    return 0;
  }
}
