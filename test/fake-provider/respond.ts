// Writes a reply the way the plan says: after the delay, whole or in pieces, compressed or not,
// broken off (stall or reset) or never ending.
import { gzipSync } from 'node:zlib';
import type { Exchange } from './exchange.js';
import { ids } from './ids.js';
import { StreamCut } from './pieces.js';
import type { Plan } from './plan.js';
import type { Reply } from './route.js';
import { type Sink, makeSink } from './sink.js';

/** Gives already written bytes time to be read before the reset, which may discard unread data. */
const RESET_GRACE_MS = 20;

function baseHeaders(plan: Plan): Record<string, string> {
  const id = ids.request();
  const h: Record<string, string> = { 'x-request-id': id, 'request-id': id, ...plan.extraHeaders };
  if (plan.gzip) h['content-encoding'] = 'gzip';
  return h;
}

async function cut(ex: Exchange, how: 'stall' | 'reset'): Promise<void> {
  if (how === 'stall') return; // the response stays open until the client or close() ends it
  await ex.sleep(RESET_GRACE_MS);
  if (ex.closed) return;
  ex.serverCut = true;
  const socket = ex.res.socket;
  if (socket) socket.resetAndDestroy();
  else ex.res.destroy();
}

async function trickle(ex: Exchange, sink: Sink, intervalMs: number): Promise<void> {
  // Whitespace may precede a JSON value, so the body stays valid however long it runs.
  while (!ex.closed) {
    await sink.write(' ');
    await ex.sleep(intervalMs);
  }
}

async function writeJson(ex: Exchange, reply: Extract<Reply, { kind: 'json' }>, plan: Plan): Promise<void> {
  const headers = { ...baseHeaders(plan), 'content-type': 'application/json', ...reply.headers };
  const plain = Buffer.from(reply.body);
  const body = plan.gzip ? gzipSync(plain) : plain;
  if (plan.endless) {
    ex.res.writeHead(reply.status, headers);
    const sink = makeSink(ex, plan);
    await trickle(ex, sink, plan.intervalMs).finally(() => sink.dispose());
    return;
  }
  ex.res.writeHead(reply.status, { ...headers, 'content-length': String(body.length) });
  if (plan.cut) {
    await ex.write(body.subarray(0, Math.floor(body.length / 2)));
    return cut(ex, plan.cut);
  }
  if (plan.tcpSplit === 0) {
    ex.res.end(body);
    return;
  }
  const sink = makeSink(ex, { gzip: false, tcpSplit: plan.tcpSplit });
  await sink.write(body);
  await sink.end();
}

async function writeStream(ex: Exchange, frames: Iterable<string>, plan: Plan): Promise<void> {
  ex.res.writeHead(200, {
    ...baseHeaders(plan),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  const paced = plan.intervalMs > 0 || plan.endless;
  if (!paced && !plan.cut && !plan.gzip && plan.tcpSplit === 0) {
    // The benchmark baseline: one write for the whole stream.
    ex.res.end([...frames].join(''));
    return;
  }
  const sink = makeSink(ex, plan);
  try {
    for (const frame of frames) {
      if (ex.closed) return;
      await sink.write(frame);
      if (paced) await ex.sleep(plan.intervalMs);
    }
    if (!ex.closed) await sink.end();
  } catch (err) {
    if (!(err instanceof StreamCut) || !plan.cut) throw err;
    await cut(ex, plan.cut);
  } finally {
    sink.dispose();
  }
}

export async function respond(ex: Exchange, reply: Reply, plan: Plan): Promise<void> {
  if (plan.delayMs > 0) await ex.sleep(plan.delayMs);
  if (ex.closed || reply.kind === 'silent') return;
  if (reply.kind === 'json') return writeJson(ex, reply, plan);
  return writeStream(ex, reply.frames, plan);
}
