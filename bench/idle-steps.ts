// Where the "first request after idle" extra starts (issue 16): the gateway's own CPU for one chat
// request after pauses of growing length, against the same request after 50 ms, with one or more
// sets of V8 flags side by side (each its own `dist/` gateway, one fake provider). `--health`
// sends GET /healthz first, on its own connection, to split the generic HTTP path from the chat path.
//   node --import tsx bench/idle-steps.ts [--pauses 0.05,0.5,1.5,3,6,12] [--rounds 4] [--flags= --flags=--no-memory-reducer] [--health]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Agent, fetch } from 'undici';
import { ensureBuilt } from './lib/build.js';
import { cpuMsFine, startService, type Service } from './lib/procs.js';
import { CHAT_BODY } from './lib/scenarios.js';
import { median, num, table } from './lib/stats.js';

const { values: opts } = parseArgs({
  options: {
    pauses: { type: 'string', default: '0.05,0.5,1.5,3,6,12' },
    rounds: { type: 'string', default: '4' },
    flags: { type: 'string', multiple: true, default: [''] },
    health: { type: 'boolean', default: false },
  },
});
const pauses = opts.pauses.split(',').map(Number);
ensureBuilt();
const tmp = mkdtempSync(join(tmpdir(), 'aegis-idle-steps-'));
const node = process.execPath;
const services: Service[] = [];
// One connection per gateway kept open through every pause: only time passes, no new socket.
const agent = new Agent({ keepAliveTimeout: 600_000, keepAliveMaxTimeout: 600_000 });

async function chat(url: string): Promise<void> {
  const res = await fetch(`${url}/v1/chat/completions`, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, body: CHAT_BODY });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`idle-steps: answered ${res.status}`);
}

/** The gateway's CPU (all threads) for one request and the 30 ms after it. */
async function cpuOf(pid: number, send: () => Promise<void>): Promise<number> {
  const c0 = cpuMsFine(pid);
  await send();
  await sleep(30);
  return cpuMsFine(pid) - c0;
}

try {
  const fake = await startService('fake', node, ['--import', 'tsx', 'test/fake-provider/main.ts', '--port', '0', '--delay-ms', '0', '--no-record']);
  services.push(fake);
  const gateways: Service[] = [];
  for (const [i, flags] of opts.flags.entries()) {
    const s = await startService(`gateway-${i}`, node, [
      '--max-semi-space-size=64', ...flags.split(' ').filter(Boolean), join(import.meta.dirname, '../dist/gateway/cli.js'), 'serve',
      '--port', '0', '--data-dir', join(tmp, `g${i}`), '--upstream', `openai=${fake.url}`, '--upstream', `anthropic=${fake.url}`,
    ]);
    services.push(s);
    gateways.push(s);
  }
  for (const g of gateways) for (let k = 0; k < 60; k++) await chat(g.url);
  const cpu = gateways.map(() => new Map<number, number[]>(pauses.map((p) => [p, []])));
  for (let round = 0; round < Number(opts.rounds); round++) {
    for (const pause of round % 2 === 0 ? pauses : [...pauses].reverse()) {
      for (const g of gateways) for (let k = 0; k < 5; k++) await chat(g.url);
      await sleep(pause * 1000);
      for (const [i, g] of gateways.entries()) {
        if (opts.health) await (await fetch(`${g.url}/healthz`)).arrayBuffer();
        cpu[i]!.get(pause)!.push(await cpuOf(g.pid, () => chat(g.url)));
      }
    }
  }
  console.log(`## First chat request after a pause: the gateway's CPU, ms (median of ${opts.rounds}; each round in brackets)${opts.health ? ', after GET /healthz' : ''}`);
  console.log(table(['V8 flags', ...pauses.map((p) => `after ${p} s`)], gateways.map((_, i) => [
    opts.flags[i] || '(none)',
    ...pauses.map((p) => `${num(median(cpu[i]!.get(p)!), 1)} [${cpu[i]!.get(p)!.map((v) => num(v, 1)).join(' ')}]`),
  ])));
} finally {
  await agent.close();
  for (const s of services.reverse()) await s.stop();
  rmSync(tmp, { recursive: true, force: true });
}
