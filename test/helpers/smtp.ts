import net, { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A local server and how to stop it. */
export interface LocalServer {
  url: string;
  close(): void;
}

/**
 * A real SMTP server that refuses recipients for good, as a relay does for an address that does not
 * exist: 550 for `n-existe-pas@…`, 501 (bad syntax) for `syntaxe@…`, and accepts anyone else.
 */
export async function startRefusingServer(): Promise<LocalServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refuse = (message: string, responseCode: number) =>
        callback(Object.assign(new Error(message), { responseCode }));
      if (address.address.startsWith('n-existe-pas@')) return refuse('Mailbox unavailable', 550);
      if (address.address.startsWith('syntaxe@')) return refuse('Bad recipient address syntax', 501);
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, close: () => server.close() };
}

/** A TCP server that accepts connections and never answers: an SMTP relay that hangs, or a dead peer. */
export async function startSilentServer(): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
