// `npm run bench -- --only idle` (issue 16): what the gateway costs when nothing happens. No client
// and no dashboard connected; CPU (utime+stime from /proc) over the idle window, scaled to 60 s, and
// RSS at its end, for the source-checkout start (`npm start`) and for dist/ (and, with `--base DIR`,
// another checkout's `npm start` beside them). Then the first request after the idle window against
// the median of the ones right after it (a pool that shrank while idle must come back within the
// latency budget). Each gateway has its own fake provider, and one request goes straight to it just
// before: the client and the provider then come back from idle themselves (their code flushed too,
// their connections closed), so the gateway's row holds only what the gateway adds.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMsFine, cpuSeconds, rssMb, startService, type Service } from './procs.js';
import { CHAT_BODY } from './scenarios.js';
import { median, num, table } from './stats.js';
import { startAsNpmStart } from './user-mode.js';

const ROOT = join(import.meta.dirname, '../..');
/**
 * Not idle work: V8's memory reducer shrinks the heap with one or two full GCs 10–40 s after the
 * last request (70–140 ms, once after use; --trace-gc shows `Mark-Compact (reduce)`), and
 * start-up work (the first store prune). The idle window starts after it; the settle window's CPU
 * is printed too.
 */
const SETTLE_MS = 45_000;

/** Wall-clock ms of one request. */
async function timedRequest(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, body: CHAT_BODY });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`idle bench: request answered ${res.status}`);
  return performance.now() - t0;
}

export async function idleScenario(o: { idleSeconds: number; tmp: string; base?: string }): Promise<void> {
  const node = process.execPath;
  const started: Service[] = [];
  try {
    // Its own provider with no delay per gateway, so the first-request figure is the gateway's alone.
    const fake = async (name: string) => {
      const s = await startService(name, node, ['--import', 'tsx', 'test/fake-provider/main.ts', '--port', '0', '--delay-ms', '0', '--no-record']);
      started.push(s);
      return s;
    };
    // Default configuration: no --config file at all.
    const common = (dir: string, provider: Service) => ['--port', '0', '--data-dir', join(o.tmp, dir), '--upstream', `openai=${provider.url}`, '--upstream', `anthropic=${provider.url}`];
    const targets: { label: string; service: Service; provider: Service }[] = [];
    const add = async (label: string, dir: string, start: (args: string[]) => Promise<Service>) => {
      const provider = await fake(`fake-${dir}`);
      const service = await start(common(dir, provider));
      started.push(service);
      targets.push({ label, service, provider });
    };
    await add('npm start (checkout)', 'idle-src', (args) => startAsNpmStart('gateway-idle-src', args));
    await add('dist/ (aegisgate serve)', 'idle-dist', (args) => startService('gateway-idle-dist', node, ['--max-semi-space-size=64', join(ROOT, 'dist/gateway/cli.js'), 'serve', ...args]));
    if (o.base !== undefined) await add(`npm start, base (${o.base})`, 'idle-base', (args) => startAsNpmStart('gateway-idle-base', args, o.base));
    // A user who used it, then left it alone: warm the path, then nothing.
    for (const t of targets) for (let i = 0; i < 50; i++) await timedRequest(t.service.url);
    const settle0 = targets.map((t) => cpuSeconds(t.service.pid));
    await sleep(SETTLE_MS);
    // Two windows back to back: periodic work shows in both, a one-off (a late reducer GC) in one.
    const cpu0 = targets.map((t) => cpuSeconds(t.service.pid));
    console.log(`bench: idle for 2 × ${o.idleSeconds} s…`);
    await sleep(o.idleSeconds * 1000);
    const cpu1 = targets.map((t) => cpuSeconds(t.service.pid));
    await sleep(o.idleSeconds * 1000);
    const rows = [];
    const per60 = (s: number) => num(((s * 1000) / o.idleSeconds) * 60, 0);
    for (const [i, t] of targets.entries()) {
      const cpu2 = cpuSeconds(t.service.pid);
      const rss = rssMb(t.service.pid);
      const direct = await timedRequest(t.provider.url);
      const { pid } = t.service;
      let c0 = cpuMsFine(pid);
      const first = await timedRequest(t.service.url);
      const firstCpu = cpuMsFine(pid) - c0;
      const next: number[] = [];
      const nextCpu: number[] = [];
      for (let k = 0; k < 20; k++) {
        c0 = cpuMsFine(pid);
        next.push(await timedRequest(t.service.url));
        nextCpu.push(cpuMsFine(pid) - c0);
      }
      rows.push([t.label, num((cpu0[i]! - settle0[i]!) * 1000, 0), per60(cpu1[i]! - cpu0[i]!), per60(cpu2 - cpu1[i]!), num(rss.rss, 0), num(rss.anon, 0), num(direct, 2), num(first, 2), num(median(next), 2), num(first - median(next), 2), num(firstCpu, 2), num(median(nextCpu), 2), num(firstCpu - median(nextCpu), 2)]);
    }
    console.log(`## Idle: no client, no dashboard, two windows of ${o.idleSeconds} s (goals: ≤ 60 ms CPU per 60 s, ≤ 100 MB RSS, first request ≤ 5 ms extra)`);
    console.log(table(['gateway', `CPU ms, first ${SETTLE_MS / 1000} s after use`, 'idle CPU ms per 60 s, window 1', 'window 2', 'RSS MB', 'of it anonymous MB', 'provider first, direct ms', 'first request ms', 'next 20 p50 ms', 'extra ms', 'first, gateway CPU ms', 'next 20 p50, CPU ms', 'extra CPU ms'], rows));
    console.log('(CPU from /proc utime+stime, 10 ms ticks; the fake provider answers at once; "provider first, direct" is the client and provider coming back from idle, sent just before the gateway\'s first request and not part of it; gateway CPU is the time of all its threads while the request ran, from /proc/PID/task/*/schedstat, which a loaded machine does not inflate as it does wall-clock time)\n');
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
}
