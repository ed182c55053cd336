// The fake provider's HTTP server: reads and records each request, plans and writes the reply,
// and notices connections that close before their response is complete.
import { once } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { AbortLog } from './aborts.js';
import { Exchange } from './exchange.js';
import { PlanError, type Tamper, makePlan, parseScenario } from './plan.js';
import { type Incoming, type Reply, errorReply, route } from './route.js';
import { respond } from './respond.js';
import type { FakeProvider, FakeProviderOptions, RecordedRequest, Scenario } from './types.js';

function parseJson(body: Buffer): unknown {
  const first = body.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first !== 0x7b && first !== 0x5b) return undefined; // { or [
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A compressed body as a provider would read it, so a test sees what actually left the gateway. */
function decodeBody(body: Buffer, coding: string | undefined): Buffer {
  try {
    if (coding === 'gzip') return gunzipSync(body);
    if (coding === 'deflate') return inflateSync(body);
    if (coding === 'br') return brotliDecompressSync(body);
  } catch {
    // Not valid data of its coding: recorded as received.
  }
  return body;
}

function decodeTarget(target: string): string {
  try {
    return decodeURIComponent(target.replace(/\+/g, ' '));
  } catch {
    return target;
  }
}

/** How an error about the request itself is answered: at once and plainly. */
const PLAIN = makePlan({}, 'ok', 0);

export async function startFakeProvider(opts: FakeProviderOptions = {}): Promise<FakeProvider> {
  const record = opts.record ?? true;
  const defaultDelayMs = opts.delayMs ?? 0;
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  let scenario: string | undefined;
  let tamper: Tamper = {};
  const aborts = new AbortLog(record);
  // Requests are numbered per generation, so a reset() forgets exchanges still in flight.
  let generation = 0;
  let nextSeq = 0;
  let origin = '';

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const ex = new Exchange(res);
    const gen = generation;
    const chunks: Buffer[] = [];
    let seq = -1;
    const number = (body: Buffer): void => {
      if (seq >= 0 || gen !== generation) return;
      seq = nextSeq++;
      if (record) {
        const decoded = decodeBody(body, req.headers['content-encoding']);
        requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', decodedPath: decodeTarget(req.url ?? '/'), headers: req.headers, body: decoded, json: parseJson(decoded), receivedAt: performance.now(), replyWrites: ex.writes });
      }
    };
    res.on('close', () => {
      const at = performance.now();
      ex.close();
      if (gen !== generation) return;
      number(Buffer.concat(chunks));
      if (!res.writableFinished && !ex.serverCut) aborts.aborted(seq, at);
      else aborts.finished(seq);
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      number(body);
      const incoming: Incoming = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, json: undefined, origin };
      let reply: Reply;
      let plan = PLAIN;
      try {
        plan = makePlan(req.headers, scenario, defaultDelayMs, tamper);
        incoming.json = parseJson(body);
        reply = route(incoming, plan);
      } catch (err) {
        if (!(err instanceof PlanError)) console.error('fake-provider: cannot build a reply', err);
        reply = errorReply(incoming, err instanceof PlanError ? 400 : 500, String(err instanceof Error ? err.message : err));
      }
      respond(ex, reply, plan).catch((err: unknown) => {
        console.error('fake-provider: reply failed', err);
        res.destroy();
      });
    });
  }

  const server = createServer({ noDelay: true }, handle);
  // Stalls and endless streams are scenarios, not faults: no server-side timeout may end them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1', backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  origin = `http://${host}:${addr.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    requests,
    setScenario(s: Scenario | undefined) {
      if (s !== undefined) parseScenario(s);
      scenario = s;
    },
    tamper(t: Tamper | undefined) {
      tamper = t ?? {};
    },
    reset() {
      requests.length = 0;
      scenario = undefined;
      tamper = {};
      aborts.clear();
      generation++;
      nextSeq = 0;
    },
    waitForAbort(n?: number, timeoutMs = 5000) {
      return aborts.wait(n, timeoutMs);
    },
    openConnections() {
      return sockets.size;
    },
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
        server.closeAllConnections();
        await closed;
        // The server reports closed before the sockets it destroyed have emitted 'close'; a socket
        // stays in the set exactly until it has.
        await Promise.all([...sockets].map((s) => once(s, 'close')));
      })();
      return closing;
    },
  };
}
