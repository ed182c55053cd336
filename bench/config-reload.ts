// How long a saved --config file takes to change the gateway's behaviour, without a restart. Each
// round saves the file the way editors do (write a new file, rename it over the old one), toggling a
// deny term, and times (a) the `config.file` announcement on the bus and (b) the first request whose
// upstream body shows the change (requests sent back to back from the save on). Goal: under 1 s.
// Usage: node --import tsx bench/config-reload.ts [rounds=20]
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { startGateway } from '../gateway/server.js';
import { startFakeProvider } from '../test/fake-provider/index.js';

const ROUNDS = Number(process.argv[2] ?? 20);
const TERM = 'Project Nightjar';

const dir = mkdtempSync(join(tmpdir(), 'aegis-bench-reload-'));
const file = join(dir, 'config.json');
const fake = await startFakeProvider();
const base = { port: 0, log: { level: 'silent' }, providers: { openai: { baseUrl: fake.url }, anthropic: { baseUrl: fake.url } } };
const config = (withTerm: boolean) => ({ ...base, scan: { denyTerms: withTerm ? [{ pattern: TERM }] : [] } });
writeFileSync(file, JSON.stringify(config(false)));
const gw = await startGateway({ layers: { file: config(false), filePath: file }, dataDir: join(dir, 'data'), logger: pino({ level: 'silent' }) });

const redacted = async (): Promise<boolean> => {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `status of ${TERM}` }] }),
  });
  await res.arrayBuffer();
  return !fake.requests.at(-1)!.body.toString('utf8').includes(TERM);
};

const announced: number[] = [];
const applied: number[] = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    const want = i % 2 === 0;
    const event = new Promise<number>((resolve) => {
      const off = gw.app.bus.on('config.file', () => (off(), resolve(performance.now())));
    });
    const tmp = join(dir, `.config.${i}.tmp`);
    writeFileSync(tmp, JSON.stringify(config(want)));
    const saved = performance.now();
    renameSync(tmp, file);
    while ((await redacted()) !== want) {
      if (performance.now() - saved > 5000) throw new Error(`round ${i}: no change within 5 s`);
    }
    applied.push(performance.now() - saved);
    announced.push((await event) - saved);
    fake.requests.length = 0;
  }
} finally {
  await gw.shutdown();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const row = (name: string, xs: number[]) => `${name.padEnd(34)} median ${pct(xs, 0.5).toFixed(0)} ms, p90 ${pct(xs, 0.9).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
console.log(`config reload, ${ROUNDS} saves (debounce 100 ms):`);
console.log(row('save → config.file on the bus', announced));
console.log(row('save → first request changed', applied));
