// The gateway's event loop while 1 MB requests are redacted and restored concurrently: the real CLI
// (`bin/aegisgate.js serve`) in a child process, the fake provider in another, load from here. The
// loop delay comes from the gateway's own GET /metrics gauge; the latency of a tiny request sent
// alongside is measured too, as what a user of the loop feels.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds, startService, type Service } from './procs.js';
import { median, percentile } from './stats.js';

const ROOT = join(import.meta.dirname, '../..');

export interface LoopRun {
  label: string;
  idle: Quantiles;
  load: Quantiles;
  /** Tiny-request latency (ms) while idle and under load. */
  tinyIdle: number[];
  tinyLoad: number[];
  bigRequests: number;
  /** Each 1 MB request's own time (ms), under load. */
  bigMs: number[];
  seconds: number;
  gatewayCpuSeconds: number;
}

export interface Quantiles {
  p50: number;
  p99: number;
  max: number;
}

export async function startFake(): Promise<Service> {
  return startService('fake-provider', process.execPath, ['--import', 'tsx', join(ROOT, 'test/fake-provider/main.ts'), '--port', '0', '--no-record']);
}

/** Reads and resets the gateway's event-loop delay gauge (ms). */
async function scrapeLoop(url: string): Promise<Quantiles> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const q = (quantile: string): number => {
    const m = new RegExp(`^aegisgate_event_loop_delay_seconds\\{quantile="${quantile.replace('.', '\\.')}"\\} (\\S+)$`, 'm').exec(text);
    if (!m) throw new Error('no aegisgate_event_loop_delay_seconds in /metrics');
    return Number(m[1]) * 1000;
  };
  return { p50: q('0.5'), p99: q('0.99'), max: q('1') };
}

const chat = (content: string) => JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

async function post(url: string, body: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'user-agent': 'bench-scan/1' } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`gateway answered ${res.status}`);
  return performance.now() - t0;
}

/** Tiny requests every `everyMs` until `stop`; their latencies. */
async function probe(url: string, stop: { done: boolean }, everyMs = 25): Promise<number[]> {
  const out: number[] = [];
  while (!stop.done) {
    out.push(await post(url, chat('ping')));
    await sleep(everyMs);
  }
  return out;
}

/**
 * One gateway configuration: idle for a moment, then `concurrency` clients sending `bigText` as a
 * chat message in a loop for `seconds`, the fake echoing it back (so restoration runs on 1 MB too).
 * `nodeArgs` go to the gateway's node (e.g. `--cpu-prof` to see where its loop time goes); `root` is
 * the checkout whose gateway runs (another one gives a baseline in the same run).
 */
export async function measureLoop(label: string, scan: object, fakeUrl: string, bigText: string, concurrency = 4, seconds = 6, nodeArgs: string[] = [], root = ROOT): Promise<LoopRun> {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-bench-scan-'));
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ policy: { preset: 'permissive' }, scan, log: { level: 'warn' }, metrics: { open: true } }));
  const gw = await startService('gateway', process.execPath, [
    ...nodeArgs, join(root, 'bin/aegisgate.js'), 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config,
    '--upstream', `openai=${fakeUrl}`, '--upstream', `anthropic=${fakeUrl}`,
  ]);
  try {
    // Every big request differs in its first line, so each is scanned in full: the scanner's result
    // cache (which would answer a repeated text from memory) plays no part in these figures.
    let sent = 0;
    const big = () => chat(`request ${sent++}\n${bigText}`);
    for (let i = 0; i < 3; i++) await post(gw.url, big()); // warm-up: JIT, worker start, vault
    await scrapeLoop(gw.url);
    const idleStop = { done: false };
    const tinyIdleP = probe(gw.url, idleStop);
    await sleep(1500);
    idleStop.done = true;
    const tinyIdle = await tinyIdleP;
    const idle = await scrapeLoop(gw.url);

    const cpu0 = cpuSeconds(gw.pid);
    const stop = { done: false };
    let bigRequests = 0;
    const bigMs: number[] = [];
    const t0 = performance.now();
    const tinyLoadP = probe(gw.url, stop);
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() - t0 < seconds * 1000) {
        bigMs.push(await post(gw.url, big()));
        bigRequests++;
      }
    }));
    stop.done = true;
    const load = await scrapeLoop(gw.url);
    const elapsed = (performance.now() - t0) / 1000;
    return { label, idle, load, tinyIdle, tinyLoad: await tinyLoadP, bigRequests, bigMs, seconds: elapsed, gatewayCpuSeconds: cpuSeconds(gw.pid) - cpu0 };
  } finally {
    await gw.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export const tinyStats = (xs: number[]) => ({ p50: median(xs), p99: percentile(xs, 99) });
