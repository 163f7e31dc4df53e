import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Every server process a test file started is killed when the file's tests end, so that one that
// hangs fails its test instead of keeping the file (and the whole run) waiting for it.
// (Only under the test runner: a benchmark importing this file must not start a test run of its own.)
const running = new Set<ChildProcess>();
if (process.env.NODE_TEST_CONTEXT) {
  after(() => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Runs `node src/server.ts` as a separate process, as `npm start` does. A process expected to stop
 * by itself (a refused start) that is still running after `exitWithinMs` is killed, and `exited`
 * rejects with what it printed and where it was blocked.
 */
export function runServer(
  env: Record<string, string>,
  { exitWithinMs = 60_000 }: { exitWithinMs?: number } = {},
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    const deadline = Number.isFinite(exitWithinMs)
      ? setTimeout(() => {
          const where = blockedIn(child.pid);
          child.kill('SIGKILL');
          reject(
            new Error(`the server did not exit within ${exitWithinMs} ms (${where}); it printed:\n${output}`),
          );
        }, exitWithinMs)
      : undefined;
    child.on('exit', (code) => {
      clearTimeout(deadline);
      running.delete(child);
      resolve(code);
    });
  });
  return { child, output: () => output, exited };
}

/** What a stuck process is doing, as Linux tells it: its state and the kernel function it waits in. */
function blockedIn(pid: number | undefined): string {
  try {
    const state = /^State:\s*(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return `state ${state}, waiting in ${readFileSync(`/proc/${pid}/wchan`, 'utf8') || 'user space'}`;
  } catch {
    return 'state unknown';
  }
}

/** Starts a server process and waits until GET /health answers 200. */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output, exited } = runServer(
    { HOST: '127.0.0.1', PUBLIC_URL: url, ...env, PORT: String(port) },
    { exitWithinMs: Number.POSITIVE_INFINITY },
  );
  let exitCode: number | null | undefined;
  exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output()}`);
    }
    try {
      if ((await fetch(`${url}/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    url,
    child,
    output,
    stop: async (signal = 'SIGTERM') => {
      if (exitCode !== undefined) return exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
