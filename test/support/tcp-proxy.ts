/**
 * A TCP proxy on 127.0.0.1 that a test can cut and restore: `cut()` drops every connection and refuses
 * new ones (a database that went away), `restore()` accepts again. For "the database is lost while the
 * bot runs" without stopping the shared test server. `cutAfter(text)` cuts one connection mid-request
 * instead: the connection lost after a statement was sent, before its reply came back.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  /**
   * Arms a one-time cut: the first time the bytes a client sends contain `text` (e.g. a statement's SQL,
   * which PostgreSQL's protocol carries as is), they are forwarded to the server, nothing more passes back,
   * and both ends of that connection are closed. Resolves once it is cut; the proxy then passes as before.
   */
  cutAfter(text: string): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | null = null;
  let armed: { text: string; done: () => void } | null = null;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, targetHost);
        sockets.add(client).add(upstream);
        let cutting = false;
        // What came before this chunk, enough to find `text` split across two chunks.
        let tail = '';
        client.on('data', (chunk: Buffer) => {
          const trigger = armed;
          const seen = tail + chunk.toString('latin1');
          if (trigger && seen.includes(trigger.text)) {
            armed = null;
            cutting = true;
            // No reply reaches the client; the statement reaches the server, then its connection closes.
            upstream.unpipe(client);
            client.destroy();
            upstream.write(chunk, () => {
              upstream.destroy();
              trigger.done();
            });
            return;
          }
          tail = trigger ? seen.slice(-trigger.text.length) : '';
          if (!upstream.write(chunk)) {
            client.pause();
            upstream.once('drain', () => client.resume());
          }
        });
        upstream.pipe(client);
        const end = () => {
          client.destroy();
          if (!cutting) upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await listen();
  return {
    port,
    cut: stop,
    restore: listen,
    close: stop,
    cutAfter: (text) => new Promise<void>((done) => (armed = { text, done })),
  };
}
