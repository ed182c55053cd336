// A TCP relay in front of a server that counts the bytes flowing back from it. Streams are piped,
// so backpressure passes through unchanged: a stalled reader stalls the server behind the tap.
import { connect, createServer, type Socket } from 'node:net';

export interface TcpTap {
  /** http://127.0.0.1:PORT of the tap */
  url: string;
  /** bytes the target has sent back through the tap so far */
  bytesFromTarget(): number;
  close(): Promise<void>;
}

export async function startTcpTap(target: string): Promise<TcpTap> {
  const t = new URL(target);
  let down = 0;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };
  const server = createServer((client) => {
    const upstream = connect({ host: t.hostname, port: Number(t.port) });
    track(client);
    track(upstream);
    upstream.on('data', (d: Buffer) => (down += d.length));
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    bytesFromTarget: () => down,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
