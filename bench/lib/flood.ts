// One client sends the fault suite's flood (≈2 MB, 140,000 distinct emails) while another asks
// /healthz every 10 ms: the other client's latency, the gateway's own event-loop delay during the
// request (its /metrics gauge, reset by a scrape just before), and the flood request's own time.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Service } from './procs.js';
import { median, num, percentile, table } from './stats.js';

export const FLOOD_EMAILS = 140_000;
export const FLOOD_BODY = JSON.stringify({
  model: 'gpt-bench',
  messages: [{ role: 'user', content: Array.from({ length: FLOOD_EMAILS }, (_, i) => `u${i}@x${i % 97}.io`).join(' ') }],
});
const PROBE_EVERY_MS = 10;

interface FloodRun {
  status: number;
  requestMs: number;
  /** /healthz latency of the other client, open loop: a probe waits from when it was due. */
  probeP99: number;
  probeMax: number;
  /** The gateway's event-loop delay beyond its 10 ms sampling interval, during the request. */
  loopP99: number;
  loopMax: number;
}

async function loopDelay(url: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const q = (quantile: string) => Number(new RegExp(`aegisgate_event_loop_delay_seconds\\{quantile="${quantile}"\\} (\\S+)`).exec(text)?.[1] ?? NaN) * 1000;
  return { p99: q('0.99'), max: q('1') };
}

async function floodOnce(gateway: Service): Promise<FloodRun> {
  await loopDelay(gateway.url); // resets the gateway's histogram
  const latencies: number[] = [];
  const probes: Promise<void>[] = [];
  let running = true;
  const ticker = (async () => {
    for (let due = performance.now(); running; due += PROBE_EVERY_MS) {
      const sentFor = due;
      probes.push(fetch(`${gateway.url}/healthz`).then(async (r) => {
        await r.arrayBuffer();
        latencies.push(performance.now() - sentFor);
      }));
      await sleep(Math.max(0, due + PROBE_EVERY_MS - performance.now()));
    }
  })();
  await sleep(50);
  const t0 = performance.now();
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST', body: FLOOD_BODY, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
  });
  await res.arrayBuffer();
  const requestMs = performance.now() - t0;
  running = false;
  await ticker;
  await Promise.all(probes);
  const loop = await loopDelay(gateway.url);
  return { status: res.status, requestMs, probeP99: percentile(latencies, 99), probeMax: Math.max(...latencies), loopP99: loop.p99, loopMax: loop.max };
}

export async function floodScenario(o: { name: string; runs: number; gateways: { label: string; service: Service }[] }): Promise<void> {
  console.log(`## ${o.name}`);
  const rows: string[][] = [];
  for (const g of o.gateways) {
    const runs: FloodRun[] = [];
    for (let i = 0; i < o.runs; i++) runs.push(await floodOnce(g.service));
    const med = (k: keyof FloodRun) => num(median(runs.map((r) => r[k])), 1);
    rows.push([g.label, [...new Set(runs.map((r) => r.status))].join('/'), med('requestMs'), med('probeP99'), med('probeMax'), med('loopP99'), med('loopMax')]);
  }
  console.log(table(['gateway', 'status', 'flood request ms', 'other client p99 ms', 'other client max ms', 'loop p99 ms', 'loop max ms'], rows));
  console.log(`(medians of ${o.runs}; goal: loop p99 < 20 ms; other client = /healthz every ${PROBE_EVERY_MS} ms, timed from when it was due)\n`);
}
