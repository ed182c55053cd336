// The benchmark scenarios. Targets are measured interleaved (direct, gateway, nginx, direct, …) so
// machine noise spreads evenly, and reported as medians with ratios against direct and nginx.
import { setTimeout as sleep } from 'node:timers/promises';
import { load, type LoadResult, type LoadTool } from './load.js';
import { cpuSeconds, rssMb, type Service } from './procs.js';
import { median, num, pct, table } from './stats.js';
import { runStreams } from './streams.js';
import { firstByteTimes } from './ttfb.js';

export interface Targets {
  direct: Service;
  gateway: Service;
  nginx: Service | undefined;
}

interface Common {
  name: string;
  targets: Targets;
  runs: number;
  durationS: number;
  tmp: string;
  tool: LoadTool;
}

const SYSTEM = 'You are a careful coding assistant. '.repeat(22);
const USER = 'Explain what this function does and suggest a clearer name for it, briefly. '.slice(0, 100);
export const CHAT_BODY = JSON.stringify({ model: 'gpt-bench', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }] });
export const SSE_BODY = JSON.stringify({ model: 'gpt-bench', stream: true, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }] });
const PATH = '/v1/chat/completions';
const JSON_HEADERS = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };

const list = (t: Targets) => [t.direct, t.gateway, ...(t.nginx ? [t.nginx] : [])];

function ratioCells(values: Map<string, number>, higherIsBetter: boolean): (name: string) => string[] {
  const direct = values.get('fake')!;
  const nginx = values.get('nginx');
  return (name) => {
    const v = values.get(name)!;
    const r = (base: number) => (higherIsBetter ? v / base : base / v);
    return [name === 'fake' ? '—' : pct(r(direct)), nginx === undefined || name === 'nginx' ? '—' : pct(r(nginx))];
  };
}

const label = (s: Service) => (s.name === 'fake' ? 'direct' : s.name);

export async function throughputScenario(o: Common & { connections: number; body: string; headers: Record<string, string>; cpu?: boolean }): Promise<void> {
  const results = new Map<string, LoadResult[]>();
  const cpuPerReq: number[] = [];
  // Warm-up, not measured: JIT, upstream keep-alive connections, socket buffers.
  for (const t of list(o.targets)) {
    await load(o.tool, { url: t.url + PATH, body: o.body, headers: { ...JSON_HEADERS, ...o.headers }, connections: o.connections, durationS: 2, tmpDir: o.tmp });
  }
  for (let run = 0; run < o.runs; run++) {
    for (const t of list(o.targets)) {
      const cpu0 = t.name === 'gateway' ? cpuSeconds(t.pid) : 0;
      const r = await load(o.tool, { url: t.url + PATH, body: o.body, headers: { ...JSON_HEADERS, ...o.headers }, connections: o.connections, durationS: o.durationS, tmpDir: o.tmp });
      if (t.name === 'gateway' && r.requests > 0) cpuPerReq.push(((cpuSeconds(t.pid) - cpu0) * 1000) / r.requests);
      results.set(t.name, [...(results.get(t.name) ?? []), r]);
      await sleep(300);
    }
  }
  const rps = new Map([...results].map(([k, v]) => [k, median(v.map((r) => r.rps))]));
  const cells = ratioCells(rps, true);
  const rows = list(o.targets).map((t) => {
    const rs = results.get(t.name)!;
    return [label(t), num(rps.get(t.name)!), num(median(rs.map((r) => r.p50)), 1), num(median(rs.map((r) => r.p99)), 1), String(rs.reduce((a, r) => a + r.errors + r.non2xx, 0)), ...cells(t.name)];
  });
  console.log(`## ${o.name}`);
  console.log(table(['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'vs direct', 'vs nginx'], rows));
  if (o.cpu && cpuPerReq.length > 0) console.log(`gateway CPU per request under this load: ${num(median(cpuPerReq), 3)} ms (median of ${cpuPerReq.length})`);
  console.log('');
}

export async function latencyScenario(o: Common): Promise<void> {
  const results = new Map<string, number[]>();
  for (let run = 0; run < o.runs; run++) {
    for (const t of list(o.targets)) {
      const r = await load(o.tool, { url: t.url + PATH, body: CHAT_BODY, headers: { ...JSON_HEADERS, 'x-fake-delay-ms': '0' }, connections: 1, durationS: 2, tmpDir: o.tmp });
      results.set(t.name, [...(results.get(t.name) ?? []), r.p50]);
    }
  }
  const p50 = new Map([...results].map(([k, v]) => [k, median(v)]));
  const direct = p50.get('fake')!;
  console.log(`## ${o.name}`);
  console.log(table(['target', 'p50 ms', 'added vs direct ms'], list(o.targets).map((t) => [label(t), num(p50.get(t.name)!, 3), t.name === 'fake' ? '—' : num(p50.get(t.name)! - direct, 3)])));
  console.log('');
}

export async function ttfbScenario(o: Common): Promise<void> {
  const headers = { ...JSON_HEADERS, 'x-fake-delay-ms': '0', 'x-fake-events': '5' };
  const results = new Map<string, number[]>();
  for (let run = 0; run < o.runs; run++) {
    for (const t of list(o.targets)) {
      const times = await firstByteTimes(t.url, PATH, SSE_BODY, headers, 300);
      results.set(t.name, [...(results.get(t.name) ?? []), median(times.slice(50))]);
    }
  }
  const ttfb = new Map([...results].map(([k, v]) => [k, median(v)]));
  const direct = ttfb.get('fake')!;
  console.log(`## ${o.name}`);
  console.log(table(['target', 'first byte p50 ms', 'added vs direct ms'], list(o.targets).map((t) => [label(t), num(ttfb.get(t.name)!, 3), t.name === 'fake' ? '—' : num(ttfb.get(t.name)! - direct, 3)])));
  console.log('');
}

export async function streamScenario(o: Common & { streams: number; wanted: number; fdLimit: number }): Promise<void> {
  console.log(`## ${o.name}`);
  if (o.streams < o.wanted) {
    console.log(`(asked for ${o.wanted}; this machine allows ${o.fdLimit} open files per process and cannot raise it, and every proxied stream holds 2 sockets in the gateway)`);
  }
  const headers = { ...JSON_HEADERS, 'x-fake-delay-ms': '0', 'x-fake-events': '10', 'x-fake-interval-ms': '1000' };
  const rows: string[][] = [];
  for (const t of [o.targets.direct, o.targets.gateway]) {
    const before = rssMb(t.pid);
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(t.pid).rss)), 200);
    const r = await runStreams(t.url + PATH, SSE_BODY, headers, o.streams, 2000, 30_000);
    clearInterval(sampler);
    rows.push([label(t), String(r.peakOpen), String(r.completed), String(r.errors), num(before.rss), num(peak), num(r.wallS, 1)]);
    await sleep(1000);
  }
  console.log(table(['target', 'open at once', 'completed', 'errors', 'RSS before MB', 'peak RSS MB', 'wall s'], rows));
  console.log('');
}
