// Two gateway builds side by side (issue 16: keep a change only if it measurably helps): the
// built tree at --base (e.g. a `git archive` of the commit before, built with tsc) against this
// checkout's dist/, both with the bin's V8 flag and the user-mode config, under the same wrk load,
// alternating order each round. Prints CPU per request, req/s, p50 and p99 per build, and B/A per round.
//   node --import tsx bench/ab-cpu.ts --base /tmp/base-tree [--rounds 5] [--connections 1000] [--seconds 8]
// --base . with --flags-a=… / --flags-b=… (space-separated V8 flags) compares flags on one build instead,
// and --config-a=… / --config-b=… (gateway config files) compares settings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ensureBuilt } from './lib/build.js';
import { load, type LoadResult } from './lib/load.js';
import { cpuSeconds, startService, type Service } from './lib/procs.js';
import { CHAT_BODY } from './lib/scenarios.js';
import { median, num, table } from './lib/stats.js';

const { values: opts } = parseArgs({
  options: {
    base: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '8' },
    'flags-a': { type: 'string', default: '--max-semi-space-size=64' },
    'flags-b': { type: 'string', default: '--max-semi-space-size=64' },
    'config-a': { type: 'string', default: join(import.meta.dirname, 'gateway.user.yaml') },
    'config-b': { type: 'string', default: join(import.meta.dirname, 'gateway.user.yaml') },
  },
});
if (opts.base === undefined) {
  console.error('ab-cpu: --base DIR (a built tree: DIR/dist/gateway/cli.js) is required');
  process.exit(2);
}
ensureBuilt();
const tmp = mkdtempSync(join(tmpdir(), 'aegis-ab-'));
const node = process.execPath;
const services: Service[] = [];
try {
  const fake = await startService('fake', node, ['--import', 'tsx', 'test/fake-provider/main.ts', '--port', '0', '--delay-ms', '200', '--no-record']);
  services.push(fake);
  const start = (name: string, root: string, flags: string, config: string) => startService(name, node, [
    ...flags.split(' ').filter(Boolean), join(root, 'dist/gateway/cli.js'), 'serve', '--port', '0', '--data-dir', join(tmp, name),
    '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`, '--config', config,
  ]);
  const builds = [
    await start('A-base', opts.base, opts['flags-a'], opts['config-a']),
    await start('B-this', join(import.meta.dirname, '..'), opts['flags-b'], opts['config-b']),
  ];
  services.push(...builds);
  const request = { body: CHAT_BODY, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, connections: Number(opts.connections), tmpDir: tmp };
  // Warm-up, not counted: a short one, then a full-length round (the first full round read 2–9× high
  // for whichever build ran first, while the JIT and the upstream pools settled).
  for (const durationS of [2, Number(opts.seconds)]) {
    for (const b of builds) await load('wrk', { ...request, url: `${b.url}/v1/chat/completions`, durationS });
  }
  const cpu = new Map<string, number[]>();
  const runs = new Map<string, LoadResult[]>();
  for (let round = 0; round < Number(opts.rounds); round++) {
    for (const b of round % 2 === 0 ? builds : [...builds].reverse()) {
      const c0 = cpuSeconds(b.pid);
      const r = await load('wrk', { ...request, url: `${b.url}/v1/chat/completions`, durationS: Number(opts.seconds) });
      cpu.set(b.name, [...(cpu.get(b.name) ?? []), ((cpuSeconds(b.pid) - c0) * 1000) / r.requests]);
      runs.set(b.name, [...(runs.get(b.name) ?? []), r]);
      await sleep(300);
    }
  }
  const [a, b] = builds.map((s) => s.name) as [string, string];
  const ratios = cpu.get(b)!.map((v, i) => v / cpu.get(a)![i]!);
  console.log(table(['build', 'CPU ms/req (median)', 'each round', 'req/s', 'p50 ms', 'p99 ms'], builds.map((s) => [
    s.name, num(median(cpu.get(s.name)!), 3), cpu.get(s.name)!.map((v) => num(v, 3)).join(' '),
    num(median(runs.get(s.name)!.map((r) => r.rps))), num(median(runs.get(s.name)!.map((r) => r.p50)), 1),
    num(median(runs.get(s.name)!.map((r) => r.p99))),
  ])));
  console.log(`B/A CPU per request: median ${num(median(ratios) * 100, 1)} % (rounds: ${ratios.map((r) => num(r * 100, 1)).join(', ')})`);
} finally {
  for (const s of services.reverse()) await s.stop();
  rmSync(tmp, { recursive: true, force: true });
}
