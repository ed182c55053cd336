// Plain clients for connection-level tests: a GET on a chosen agent (keep-alive or not) and a
// socket that connects and sends nothing.
import { type Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';

export function get(base: string, path: string, agent: Agent | false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket that sends nothing; `closed` tells whether (and when) the gateway closed it. */
export function idleSocket(base: string): Promise<{ socket: Socket; closed: () => boolean }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let closed = false;
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve({ socket, closed: () => closed }));
    socket.on('error', () => undefined);
    socket.on('close', () => (closed = true));
    socket.once('error', reject);
  });
}

export const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
