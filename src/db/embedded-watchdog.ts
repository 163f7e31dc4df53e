import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WatchdogOptions {
  /** The running PostgreSQL. */
  first: ChildProcess;
  /** Starts it again on the same data and port; resolves once it accepts connections. */
  relaunch: () => Promise<ChildProcess>;
  /** Stops a running server cleanly. */
  stopServer: (child: ChildProcess) => Promise<void>;
  warn: (line: string) => void;
  /** First wait before a restart, doubled after each failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Keeps the embedded PostgreSQL running: when it exits without being asked to (killed, crashed, shut
 * down from outside), starts it again, retrying with backoff for as long as it takes. A killed
 * postmaster leaves its backends attached to the shared memory for a moment, and PostgreSQL refuses to
 * start on the cluster until they are gone: the first attempts may fail, later ones succeed.
 */
export function watchEmbeddedServer({
  first,
  relaunch,
  stopServer,
  warn,
  minDelayMs = 100,
  maxDelayMs = 5_000,
}: WatchdogOptions): { stop(): Promise<void> } {
  let current = first;
  let restarting: Promise<void> | undefined;
  const stopping = new AbortController();

  const watch = (child: ChildProcess) =>
    child.once('exit', (code, signal) => {
      if (stopping.signal.aborted) return;
      warn(
        `The embedded PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}): starting it again.`,
      );
      restarting = restart();
    });

  async function restart(): Promise<void> {
    for (let attempt = 1, delay = minDelayMs; ; attempt++, delay = Math.min(delay * 2, maxDelayMs)) {
      await sleep(delay, undefined, { signal: stopping.signal });
      try {
        const child = await relaunch();
        if (stopping.signal.aborted) return await stopServer(child);
        current = child;
        watch(child);
        warn(`The embedded PostgreSQL is running again (attempt ${attempt}).`);
        return;
      } catch (error) {
        warn(`The embedded PostgreSQL could not start yet (attempt ${attempt}): ${(error as Error).message}`);
      }
    }
  }

  watch(first);
  return {
    async stop() {
      stopping.abort();
      await restarting?.catch(() => {}); // an aborted wait rejects: nothing left to do
      await stopServer(current);
    },
  };
}
