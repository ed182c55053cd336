// Bare HTTP clients for tests that must control the exact request on the wire (headers, bytes,
// Host) or see the exact response, which SDKs and fetch hide or normalise.
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** the body parsed as JSON (throws when it is not) */
  json: unknown;
}

export interface SendOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  /** sent as is; objects are JSON-encoded */
  body?: string | Buffer | object;
  signal?: AbortSignal;
}

/** One request on a fresh connection. Sets `content-type: application/json` only for object bodies. */
export function send(base: string, path: string, opts: SendOptions = {}): Promise<HttpResult> {
  let payload: Buffer | undefined;
  const headers: OutgoingHttpHeaders = { ...opts.headers };
  if (Buffer.isBuffer(opts.body) || typeof opts.body === 'string') payload = Buffer.from(opts.body);
  else if (opts.body !== undefined) {
    payload = Buffer.from(JSON.stringify(opts.body));
    headers['content-type'] ??= 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: opts.method ?? (payload ? 'POST' : 'GET'), headers, agent: false, signal: opts.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text,
          get json(): unknown {
            return JSON.parse(text);
          },
        });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** POSTs a JSON value (or exact JSON text) with `content-type: application/json`. */
export function postJson(base: string, path: string, body: object | string, headers: OutgoingHttpHeaders = {}): Promise<HttpResult> {
  return send(base, path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

export interface RawExchange {
  socket: Socket;
  /** everything received so far */
  received(): string;
  /** resolves with everything received once `done` holds (or rejects when the socket closes first) */
  until(done: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** resolves when the peer closes the connection */
  closed: Promise<void>;
}

/** Opens a raw TCP connection to the gateway and writes `head` (request line + headers, and maybe more). */
export async function rawConnect(base: string, head: string | Buffer): Promise<RawExchange> {
  const url = new URL(base);
  const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let text = '';
  const listeners = new Set<() => void>();
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => {
    text += d;
    for (const l of listeners) l();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => {
    resolve();
    for (const l of listeners) l();
  }));
  socket.write(head);
  return {
    socket,
    received: () => text,
    closed,
    until(done, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (done(text)) finish(() => resolve(text));
          else if (socket.destroyed) finish(() => reject(new Error(`connection closed; received:\n${text}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out; received:\n${text}`))), timeoutMs);
        const finish = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** The Host header value a client of `base` sends, e.g. `127.0.0.1:4321`. */
export const hostOf = (base: string): string => new URL(base).host;
