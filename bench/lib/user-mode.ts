// `npm run bench -- --mode user` (issue 16): the conditions users' tools meet. wrk -t2, the fake
// provider in its own process (200 ms), the gateway started the way `npm start` starts it from a
// checkout (scripts/start.mjs, headless: the compiled `dist/gateway/cli.js serve`, compiled first
// when the sources changed; before issue 16's last goals `bin/aegisgate.js serve` through tsx), default config but
// per-client limits, 2 s warm-up, 8 s per cell, side by side with direct and nginx (and the built
// gateway the other scenarios measure), medians of three runs whose order rotates.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { load, type LoadResult, type LoadTool } from './load.js';
import { childPids, cpuSeconds, startService, type Service } from './procs.js';
import { CHAT_BODY } from './scenarios.js';
import { median, num, pct, table } from './stats.js';

const ROOT = join(import.meta.dirname, '../..');

export interface UserTarget {
  label: string;
  url: string;
  /** The processes whose CPU the row is charged (none for direct and nginx). */
  pids: number[];
}

/**
 * `npm start` with no display: scripts/start.mjs (AEGIS_HEADLESS=1) runs `node dist/gateway/cli.js
 * serve` (or, in a checkout from before it did, `node bin/aegisgate.js serve`) as its child. The row is charged the child's CPU, the process that serves. `root` is
 * another checkout to start instead (the idle row's `--base`).
 */
export async function startAsNpmStart(name: string, args: string[], root = ROOT): Promise<Service> {
  // A first start builds the dashboard (vite), so it may take a while on a busy machine.
  const launcher = await startService(name, process.execPath, [join(root, 'scripts/start.mjs'), ...args], { ...process.env, AEGIS_HEADLESS: '1' }, 180_000);
  const [pid] = childPids(launcher.pid);
  if (pid === undefined) throw new Error(`${name}: scripts/start.mjs started no gateway process`);
  // The launcher forwards SIGTERM; should the bench die first, the gateway must not outlive it.
  process.on('exit', () => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return { ...launcher, pid };
}

export interface UserCell {
  label: string;
  rps: number;
  /** Responses other than 2xx per second (503 GW_ERR_OVERLOADED when admission sheds). */
  non2xxRps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: number;
}

export async function userScenario(o: { name: string; targets: UserTarget[]; connections: number; runs: number; durationS: number; warmupS: number; tmp: string; tool: LoadTool }): Promise<UserCell[]> {
  const request = { body: CHAT_BODY, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, connections: o.connections, tmpDir: o.tmp };
  const results = new Map<string, LoadResult[]>();
  const cpu = new Map<string, number[]>();
  for (const t of o.targets) await load(o.tool, { ...request, url: `${t.url}/v1/chat/completions`, durationS: o.warmupS });
  for (let run = 0; run < o.runs; run++) {
    // Rotate the order each run, so a noisy neighbour does not always land on the same row.
    const order = o.targets.map((_, i) => o.targets[(i + run) % o.targets.length]!);
    for (const t of order) {
      const cpu0 = t.pids.reduce((s, p) => s + cpuSeconds(p), 0);
      const r = await load(o.tool, { ...request, url: `${t.url}/v1/chat/completions`, durationS: o.durationS });
      const used = t.pids.reduce((s, p) => s + cpuSeconds(p), 0) - cpu0;
      results.set(t.label, [...(results.get(t.label) ?? []), r]);
      if (t.pids.length > 0 && r.requests > 0) cpu.set(t.label, [...(cpu.get(t.label) ?? []), (used * 1000) / r.requests]);
      await sleep(300);
    }
  }
  const cells = o.targets.map((t): UserCell => {
    const rs = results.get(t.label)!;
    return {
      label: t.label,
      rps: median(rs.map((r) => ((r.requests - r.non2xx) / r.requests) * r.rps)),
      non2xxRps: median(rs.map((r) => r.non2xx / r.durationS)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      errors: rs.reduce((a, r) => a + r.errors, 0),
      cpuMsPerRequest: median(cpu.get(t.label) ?? []),
    };
  });
  const direct = cells.find((c) => c.label === 'direct')!;
  const nginx = cells.find((c) => c.label === 'nginx');
  const rows = cells.map((c) => [
    c.label, num(c.rps), c === direct ? '—' : pct(c.rps / direct.rps), nginx === undefined || c === nginx ? '—' : pct(c.rps / nginx.rps),
    num(c.p50, 1), num(c.p99, 1), num(c.non2xxRps), String(c.errors), Number.isFinite(c.cpuMsPerRequest) ? num(c.cpuMsPerRequest, 3) : '—',
  ]);
  console.log(`## ${o.name}`);
  console.log(table(['target', '2xx req/s', '% of direct', 'vs nginx', 'p50 ms', 'p99 ms', 'non-2xx/s', 'socket errors', 'CPU ms/req'], rows));
  console.log(`(medians of ${o.runs} runs of ${o.durationS} s after a ${o.warmupS} s warm-up; p50/p99 are wrk's over all responses; CPU is the target's own utime+stime per response: the gateway process, the fake provider for direct, nginx's master and worker)`);
  const yardstick = direct.cpuMsPerRequest;
  if (Number.isFinite(yardstick) && yardstick > 0) {
    const times = cells.filter((c) => c !== direct && Number.isFinite(c.cpuMsPerRequest)).map((c) => `${c.label} ${num(c.cpuMsPerRequest / yardstick, 2)}×`);
    // Issue 16's own run: the provider took 0.088 ms per request and the goal is 0.18 ms, 2.05× it.
    console.log(`CPU per request as a multiple of the provider's own (direct), which tracks the machine's speed: ${times.join(', ')} (issue 16's goal of 0.18 ms was 2.05× its direct's 0.088 ms)`);
  }
  // bench/node-floor.ts: the same proxying in plain Node, no gateway work; what the gateway adds on top.
  const floor = cells.find((c) => c.label.startsWith('node floor'));
  if (floor !== undefined && Number.isFinite(floor.cpuMsPerRequest) && floor.cpuMsPerRequest > 0) {
    const over = cells.filter((c) => c.label.startsWith('gateway') && Number.isFinite(c.cpuMsPerRequest)).map((c) => `${c.label} ${num(c.cpuMsPerRequest / floor.cpuMsPerRequest, 2)}×`);
    if (over.length > 0) console.log(`CPU per request as a multiple of the node floor (http + undici, no gateway work): ${over.join(', ')}`);
  }
  console.log('');
  return cells;
}
