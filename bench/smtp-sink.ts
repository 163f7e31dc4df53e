import net from 'node:net';

/** An SMTP server that accepts every message and keeps nothing. */
export interface SmtpSink {
  url: string;
  received(): number;
  stop(): Promise<void>;
}

/**
 * Starts a minimal SMTP sink on 127.0.0.1 for `--smtp-sink`: it answers just enough of the protocol
 * for nodemailer and drops the messages, so that the benchmark can tell the cost of the server's
 * in-process mail capture (which parses every message) from the cost of booking.
 */
export function startSmtpSink(): Promise<SmtpSink> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setNoDelay(true); // replies are small: without this, Nagle and delayed ACKs add 40 ms each
    let inData = false;
    let pending = '';
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = pending.indexOf('\r\n.\r\n');
          if (end < 0) {
            pending = pending.slice(-4); // keep what may begin the terminator
            return;
          }
          pending = pending.slice(end + 5);
          inData = false;
          count++;
          socket.write('250 OK\r\n');
          continue;
        }
        const eol = pending.indexOf('\r\n');
        if (eol < 0) return;
        const line = pending.slice(0, eol).toUpperCase();
        pending = pending.slice(eol + 2);
        if (line.startsWith('EHLO')) socket.write('250-sink\r\n250 PIPELINING\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          pending = `\r\n${pending}`; // a message may be empty: the terminator can follow DATA at once
          socket.write('354 go on\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        received: () => count,
        stop: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
