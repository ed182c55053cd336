// What the audit trail costs: the gateway with and without audit persistence under the same load in
// the same run, and the store's raw batched insert rate.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { load, type LoadResult, type LoadTool } from './load.js';
import type { Service } from './procs.js';
import { CHAT_BODY } from './scenarios.js';
import { median, num, pct, table } from './stats.js';

interface AuditOptions {
  name: string;
  audited: Service;
  unaudited: Service;
  runs: number;
  durationS: number;
  tmp: string;
  tool: LoadTool;
}

export async function auditScenario(o: AuditOptions): Promise<void> {
  const results = new Map<string, LoadResult[]>();
  const request = { body: CHAT_BODY, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, connections: 1000, tmpDir: o.tmp };
  for (const t of [o.audited, o.unaudited]) await load(o.tool, { ...request, url: `${t.url}/v1/chat/completions`, durationS: 2 });
  for (let run = 0; run < o.runs; run++) {
    for (const t of run % 2 === 0 ? [o.audited, o.unaudited] : [o.unaudited, o.audited]) {
      const r = await load(o.tool, { ...request, url: `${t.url}/v1/chat/completions`, durationS: o.durationS });
      results.set(t.name, [...(results.get(t.name) ?? []), r]);
      await sleep(300);
    }
  }
  const rps = (name: string) => median(results.get(name)!.map((r) => r.rps));
  const on = rps(o.audited.name);
  const off = rps(o.unaudited.name);
  console.log(`## ${o.name}`);
  console.log(table(['gateway', 'req/s', 'p99 ms'], [
    ['audit on', num(on), num(median(results.get(o.audited.name)!.map((r) => r.p99)), 1)],
    ['audit off', num(off), num(median(results.get(o.unaudited.name)!.map((r) => r.p99)), 1)],
  ]));
  console.log(`audit on reaches ${pct(on / off)} of audit off (goal: within 3 %)\n`);
}

export function storeScenario(): void {
  console.log('## Store: raw batched audit insert rate (goal ≥ 100k events/s)');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/store.ts', '100000', '3'], { encoding: 'utf8', timeout: 120_000 });
  const summary = JSON.parse(out.trim().split('\n').at(-1)!) as { medianEventsPerSecond: number; medianMsPerBatch: number; met: boolean };
  console.log(`median ${num(summary.medianEventsPerSecond)} events/s, ${summary.medianMsPerBatch} ms per batch: goal ${summary.met ? 'met' : 'MISSED'}\n`);
}
