// The upstream dispatcher alone (issue 16): CPU per request of this process through undici's
// Agent + Pool and through the gateway's UpstreamAgent + OriginPool, same options, 1,000 requests
// in flight against a server in its own process (100 ms per answer, its CPU not counted),
// alternating order each round after a warm-up. Isolates what ab-cpu.ts cannot resolve on a loaded
// machine: a few µs per request.
//   node --import tsx bench/upstream-pool.ts [--rounds 7] [--in-flight 1000] [--seconds 4]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Agent, type Dispatcher } from 'undici';
import { createDispatcher } from '../gateway/upstream/dispatcher.js';
import { median } from './lib/stats.js';

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    'in-flight': { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '4' },
  },
});

const server = spawn(process.execPath, ['-e', `
const s = require('node:http').createServer((req, res) => { req.resume(); setTimeout(() => res.end('{"ok":true}'), 100); });
s.keepAliveTimeout = 60000;
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
const origin = `http://127.0.0.1:${port}`;

// The gateway's defaults (gateway/config/schema.ts), given to both.
const upstream = { connections: 16384, pending: 4096, connectTimeoutMs: 10_000, headersTimeoutMs: 600_000, bodyTimeoutMs: 300_000, keepAliveTimeoutMs: 60_000, forwardHeaders: [] };
const builds: Record<string, Dispatcher> = {
  'Agent + Pool': new Agent({ connections: upstream.connections, pipelining: 1, connectTimeout: upstream.connectTimeoutMs, headersTimeout: upstream.headersTimeoutMs,
    bodyTimeout: upstream.bodyTimeoutMs, keepAliveTimeout: upstream.keepAliveTimeoutMs, keepAliveMaxTimeout: 600_000 }),
  'UpstreamAgent + OriginPool': createDispatcher(upstream),
};

/** A push handler like the gateway's UpstreamCall, so the dispatcher's share is not diluted by request(). */
function one(d: Dispatcher): Promise<void> {
  return new Promise((resolve, reject) => {
    d.dispatch({ origin, path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, {
      // undici tells a handler's shape by onRequestStart: without it, this would be taken for the legacy one.
      onRequestStart: () => undefined,
      onResponseEnd: () => resolve(),
      onResponseError: (_c, err) => reject(err),
    });
  });
}

async function cpuPerRequestUs(d: Dispatcher, seconds: number): Promise<number> {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: Number(opts['in-flight']) }, async () => {
    while (performance.now() < end) {
      await one(d);
      n++;
    }
  }));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

try {
  const names = Object.keys(builds);
  for (const name of names) await cpuPerRequestUs(builds[name]!, 3);
  const rounds = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let r = 0; r < Number(opts.rounds); r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) rounds.get(name)!.push(await cpuPerRequestUs(builds[name]!, Number(opts.seconds)));
  }
  for (const [name, us] of rounds) console.log(`${name}: ${median(us).toFixed(1)} µs CPU per request (median; rounds ${us.map((x) => x.toFixed(1)).join(' ')})`);
  const [a, b] = names.map((n) => rounds.get(n)!);
  console.log(`B/A per round: ${b!.map((x, i) => `${((100 * x) / a![i]!).toFixed(1)} %`).join(' ')}`);
} finally {
  await Promise.all(Object.values(builds).map((d) => d.close()));
  server.kill();
}
