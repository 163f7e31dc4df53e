import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One email received by the capture. */
export interface CapturedMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
  attachments: { filename: string; contentType: string; size: number; content: Buffer }[];
}

/** The in-process SMTP server that stands in for a real one in development and tests (PRODUCT §6). */
export interface MailCapture {
  port: number;
  /** smtp://127.0.0.1:PORT, to give to the transport. */
  url: string;
  /** The messages kept, oldest first. */
  messages(): CapturedMail[];
  /** The first message, already received or to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /** When false, mail is refused with a temporary error, as by an SMTP server that is down. */
  setAvailable(available: boolean): void;
  clear(): void;
  stop(): Promise<void>;
}

const KEPT_MESSAGES = 200;

interface Waiter {
  predicate: (mail: CapturedMail) => boolean;
  resolve: (mail: CapturedMail) => void;
}

/** Starts the SMTP capture on 127.0.0.1 (a free port unless one is given), without TLS or authentication. */
export async function startMailCapture(options: { port?: number } = {}): Promise<MailCapture> {
  let kept: CapturedMail[] = [];
  let nextId = 1;
  let available = true;
  const waiters = new Set<Waiter>();

  const unavailable = () =>
    Object.assign(new Error('Service temporairement indisponible, réessayez plus tard'), {
      responseCode: 451,
    });

  function receive(mail: CapturedMail): void {
    kept.push(mail);
    if (kept.length > KEPT_MESSAGES) kept = kept.slice(-KEPT_MESSAGES);
    for (const waiter of waiters) {
      if (waiter.predicate(mail)) {
        waiters.delete(waiter);
        waiter.resolve(mail);
      }
    }
  }

  async function parse(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<CapturedMail> {
    const parsed = await simpleParser(stream);
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    return {
      id: nextId++,
      from: parsed.from?.text ?? envelopeFrom,
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      receivedAt: new Date(),
      attachments: parsed.attachments.map((attachment) => ({
        filename: attachment.filename ?? 'attachment',
        contentType: attachment.contentType,
        size: attachment.size,
        content: attachment.content,
      })),
    };
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'Créneau mail capture',
    size: 25 * 1024 * 1024,
    // Pooled client connections must not hold stop() for the default 30 s.
    closeTimeout: 500,
    onRcptTo(_address, _session, callback) {
      callback(available ? null : unavailable());
    },
    onData(stream, session, callback) {
      if (!available) {
        stream.resume();
        stream.on('end', () => callback(unavailable()));
        return;
      }
      parse(stream, session).then(
        (mail) => {
          receive(mail);
          callback(null);
        },
        (error: Error) => callback(error),
      );
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
  // A client dropping its connection must not bring the process down.
  server.on('error', () => {});

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...kept],
    waitFor(predicate, timeoutMs = 5000) {
      const found = kept.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (mail) => {
            clearTimeout(timeout);
            resolve(mail);
          },
        };
        const timeout = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching email received within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    setAvailable(value) {
      available = value;
    },
    clear() {
      kept = [];
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
