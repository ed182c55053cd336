// `npm run bench:providers`: what naming a provider and translating between the two APIs cost, on
// the built gateway (CLI child) in front of the fake provider, loaded with wrk (autocannon fallback).
// Scenarios run interleaved, 3 rounds, medians beside ratios against the route they vary (the machine
// may be shared, so ratios travel better than absolute figures). Stops by itself in about 2 minutes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './lib/build.js';
import { haveLoadTool, load, type LoadResult } from './lib/load.js';
import { killAllChildren, startService } from './lib/procs.js';
import { startFake } from './lib/scan-loop.js';
import { median, num, pct, table } from './lib/stats.js';

const ROOT = join(import.meta.dirname, '..');
const ROUNDS = 3;
const SECONDS = 5;
const CONNECTIONS = 50;

const chat = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello, how are you today?' }] });
const messages = JSON.stringify({ model: 'claude-haiku', max_tokens: 64, messages: [{ role: 'user', content: 'Hello, how are you today?' }] });

/** Each scenario with the one it is compared against. */
const SCENARIOS = [
  { name: 'chat, default route', path: '/v1/chat/completions', body: chat, base: undefined },
  { name: 'chat, /p/compat (named openai-kind)', path: '/p/compat/v1/chat/completions', body: chat, base: 'chat, default route' },
  { name: 'chat → anthropic-kind (translated)', path: '/p/claude/v1/chat/completions', body: chat, base: 'chat, default route' },
  { name: 'messages, default route', path: '/v1/messages', body: messages, base: undefined },
  { name: 'messages → openai-kind (translated)', path: '/p/compat/v1/messages', body: messages, base: 'messages, default route' },
] as const;

async function main(): Promise<void> {
  ensureBuilt();
  const tool = haveLoadTool()!;
  const fake = await startFake();
  const dir = await mkdtemp(join(tmpdir(), 'aegis-bench-providers-'));
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({
    log: { level: 'warn' }, audit: { enabled: false }, rateLimit: { requestsPerMinute: 100_000_000, burst: 1_000_000, concurrent: 100_000 },
    providers: { compat: { kind: 'openai', baseUrl: fake.url }, claude: { kind: 'anthropic', baseUrl: fake.url } },
  }));
  const gw = await startService('gateway', process.execPath, [
    join(ROOT, 'bin/aegisgate.js'), 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config,
    '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`,
  ]);
  const results = new Map<string, LoadResult[]>(SCENARIOS.map((s) => [s.name, []]));
  try {
    const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench', 'x-api-key': 'sk-bench' };
    for (const s of SCENARIOS) await load(tool, { url: gw.url + s.path, body: s.body, headers, connections: 8, durationS: 1, tmpDir: dir }); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of SCENARIOS) {
        const r = await load(tool, { url: gw.url + s.path, body: s.body, headers, connections: CONNECTIONS, durationS: SECONDS, tmpDir: dir });
        if (r.non2xx > 0 || r.errors > 0) throw new Error(`${s.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        results.get(s.name)!.push(r);
      }
    }
  } finally {
    await gw.stop();
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const rps = (name: string) => median(results.get(name)!.map((r) => r.rps));
  const p50 = (name: string) => median(results.get(name)!.map((r) => r.p50));
  console.log(`providers: ${tool}, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s, medians\n`);
  console.log(table(['scenario', 'req/s', 'p50 ms', 'req/s vs base', 'p50 vs base'], SCENARIOS.map((s) => [
    s.name, num(rps(s.name)), num(p50(s.name), 2),
    s.base ? pct(rps(s.name) / rps(s.base)) : '—', s.base ? pct(p50(s.name) / p50(s.base)) : '—',
  ])));
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  killAllChildren();
  process.exit(1);
});
