import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An SMTP server outside the Créneau process that counts what it receives per recipient. */
export interface SmtpRecorder {
  url: string;
  /** How many messages each recipient received. */
  received(): Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts a real SMTP server (`smtp-server`) on 127.0.0.1 that accepts every message and keeps only its
 * recipients: unlike the mail capture, it keeps no bodies and no limit, for rushes of hundreds of mails.
 */
export async function startSmtpRecorder(): Promise<SmtpRecorder> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        for (const { address } of session.envelope.rcptTo)
          received.set(address, (received.get(address) ?? 0) + 1);
        callback(null);
      });
    },
  });
  server.on('error', () => {});
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => new Map(received),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
