/**
 * Load-generation helpers for the benchmark: a lean keep-alive HTTP/1.1 client, a loop bounded in
 * count and in time, and latency percentiles. The client is written on raw sockets because the load
 * generator shares the machine's two cores with the server and PostgreSQL: every microsecond it
 * spends is taken from what it measures.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface HttpResponse {
  status: number;
  body: Buffer;
}

/** One keep-alive connection, one request at a time (no pipelining). */
export interface HttpConnection {
  /** `headers`: extra header lines, each ending in CRLF ("x-forwarded-for: 10.0.0.1\r\n"). */
  request(method: 'GET' | 'POST', path: string, body?: string, headers?: string): Promise<HttpResponse>;
  close(): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Opens a connection to host:port that reconnects by itself when the server closes it. */
export function httpConnection(host: string, port: number): HttpConnection {
  let socket: net.Socket | undefined;
  let buffer: Buffer = Buffer.alloc(0);
  let waiting: { resolve: (r: HttpResponse) => void; reject: (e: Error) => void } | undefined;
  let closeAfter = false;

  function connect(): net.Socket {
    const s = net.connect({ host, port, noDelay: true });
    s.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      parse();
    });
    const fail = (error: Error) => {
      if (socket === s) socket = undefined;
      buffer = Buffer.alloc(0);
      const w = waiting;
      waiting = undefined;
      w?.reject(error);
    };
    s.on('error', fail);
    s.on('close', () => fail(new Error('connection closed by the server')));
    return s;
  }

  function parse(): void {
    if (!waiting) return;
    const headerEnd = buffer.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = buffer.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const lengthMatch = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    if (!lengthMatch) {
      waiting.reject(new Error(`response without content-length (status ${status})`));
      waiting = undefined;
      socket?.destroy();
      return;
    }
    const length = Number(lengthMatch[1]);
    const start = headerEnd + 4;
    if (buffer.length < start + length) return;
    const body = buffer.subarray(start, start + length);
    buffer = buffer.subarray(start + length);
    closeAfter = /\r\nconnection:\s*close/.test(lower);
    const w = waiting;
    waiting = undefined;
    w.resolve({ status, body });
  }

  return {
    request(method, path, body, headers = '') {
      if (waiting) return Promise.reject(new Error('one request at a time on a connection'));
      if (closeAfter) {
        socket?.destroy();
        socket = undefined;
        closeAfter = false;
      }
      socket ??= connect();
      const payload = body === undefined ? '' : body;
      const head =
        `${method} ${path} HTTP/1.1\r\nhost: ${host}:${port}\r\nconnection: keep-alive\r\n${headers}` +
        (body === undefined
          ? '\r\n'
          : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n\r\n`);
      return new Promise<HttpResponse>((resolve, reject) => {
        waiting = { resolve, reject };
        socket?.write(head + payload);
      });
    },
    close() {
      socket?.destroy();
      socket = undefined;
    },
  };
}

export interface BoundedRun {
  /** Operations started (and finished) before the count or the time ran out. */
  ops: number;
  elapsedMs: number;
}

/**
 * Runs `op` from `concurrency` workers until `maxOps` operations have started or `maxMs` have passed,
 * whichever comes first, and waits for the operations in flight.
 */
export async function runBounded(options: {
  concurrency: number;
  maxOps: number;
  maxMs: number;
  op: (index: number, worker: number) => Promise<void>;
}): Promise<BoundedRun> {
  const { concurrency, maxOps, maxMs, op } = options;
  let next = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  const worker = async (w: number) => {
    while (next < maxOps && performance.now() < deadline) {
      const index = next++;
      await op(index, w);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { ops: next, elapsedMs: performance.now() - started };
}

/** Latencies in milliseconds, kept in a preallocated array. */
export class Latencies {
  readonly values: Float64Array;
  count = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  add(ms: number): void {
    if (this.count < this.values.length) this.values[this.count++] = ms;
  }

  /** The p-th percentile (0–100) of what was recorded, nearest-rank; 0 when empty. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const sorted = this.values.slice(0, this.count).sort();
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil((p / 100) * this.count) - 1));
    return sorted[rank] ?? 0;
  }
}

/** Counts by label, e.g. HTTP status and error code. */
export class Tally {
  readonly counts = new Map<string, number>();

  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }

  toString(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([label, n]) => `${label}: ${n}`)
      .join(', ');
  }
}
