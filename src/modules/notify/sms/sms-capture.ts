import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Without SMS_URL (never in production), SMS go to this in-process server, which speaks the
// documented JSON format of sms-sender.ts exactly as a provider's gateway would, and keeps what it
// received for /dev/sms. Tests make it refuse messages to exercise retries and permanent failures.

export interface CapturedSms {
  id: string;
  to: string;
  text: string;
  reference: string;
  receivedAt: Date;
}

export interface SmsCapture {
  /** The URL to give the sender. */
  url: string;
  messages(): CapturedSms[];
  /** Answers the next `times` messages with `status` instead of accepting them. */
  refuseNext(status: number, times?: number): void;
  clear(): void;
  stop(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

export async function startSmsCapture(): Promise<SmsCapture> {
  const received: CapturedSms[] = [];
  const refusals: number[] = [];
  const server = http.createServer((request, response) => {
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'POST') return answer(405, { error: 'POST only' });
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      raw += chunk;
      if (raw.length > MAX_BODY) request.destroy();
    });
    request.on('end', () => {
      const refusal = refusals.shift();
      if (refusal !== undefined) return answer(refusal, { error: 'refused by the capture' });
      const body = parse(raw);
      if (!body) return answer(400, { error: 'to, text and reference are required' });
      const sms = { id: randomUUID(), ...body, receivedAt: new Date() };
      received.push(sms);
      answer(201, { id: sms.id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    messages: () => [...received],
    refuseNext: (status, times = 1) => {
      for (let i = 0; i < times; i++) refusals.push(status);
    },
    clear: () => {
      received.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parse(raw: string): Pick<CapturedSms, 'to' | 'text' | 'reference'> | undefined {
  try {
    const body = JSON.parse(raw) as Record<string, unknown>;
    const { to, text, reference } = body;
    if (typeof to !== 'string' || typeof text !== 'string' || typeof reference !== 'string') return undefined;
    if (!/^\+[1-9]\d{6,14}$/.test(to) || text === '') return undefined;
    return { to, text, reference };
  } catch {
    return undefined;
  }
}
