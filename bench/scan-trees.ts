// Before/after for scan speed work: this tree against another checkout of the repo, in one process,
// runs interleaved (A, B, B, A, …) so both see the same machine. CPU time per run; the figure is the
// median over rounds of (median B ÷ median A), with the rounds' range.
//
//   node --import tsx bench/scan-trees.ts /path/to/other/checkout [--rounds 5] [--runs 40]
//
// The other checkout needs its own package.json and tsconfigs beside it (without `"type": "module"`
// tsx compiles it as CommonJS, which alone measured 35 % slower) and a node_modules (a symlink will do).
// Cases: the request pipeline (parse, scan on the loop, redact with a real vault session, stringify)
// of the 256 KB Claude-Code-like request and of its pure-ASCII copy; the scan step of 256 KB prose
// and code with the name detectors on, prose with them off, and the 1 MB log dump. Result caches are off in this tree
// (the other may not have one): every run is a first sight of the text.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { claudeCodeRequest, logDump } from './payloads.js';
import { namesCode, namesProse } from './lib/names-payloads.js';
import { median, num, pct, table } from './lib/stats.js';

const args = process.argv.slice(2);
const other = args[0];
if (other === undefined || other.startsWith('--')) throw new Error('usage: bench/scan-trees.ts OTHER_CHECKOUT [--rounds N] [--runs N]');
const opt = (name: string, dflt: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const ROUNDS = opt('--rounds', 5);
const RUNS = opt('--runs', 40);

interface Tree {
  ScanEngine: new (o: object) => { scanAll(texts: readonly string[], max?: number, prose?: readonly boolean[]): Promise<unknown>; close(): Promise<void> };
  scanRequestText: (shape: string, json: unknown, extra: readonly never[], engine: unknown) => Promise<{ units: unknown[]; findings: unknown[] }>;
  applyRedactions: (units: unknown[], findings: unknown[], mint: unknown) => Promise<{ changed: boolean }>;
  Vault: new (o: object) => { session(app: string): { mint: unknown; flush(): Promise<void> } };
}

/** Where each piece lives, newest layout first: the other checkout may predate a move. */
const PATHS = {
  engine: ['gateway/request/scan-engine.ts', 'gateway/request/engine.ts', 'gateway/inspect/engine.ts'],
  request: ['gateway/request/scan-request.ts', 'gateway/inspect/request.ts'],
  apply: ['gateway/request/redact.ts', 'gateway/redact/apply.ts'],
  vault: ['gateway/vault/vault.ts'],
};

async function load(root: string): Promise<Tree> {
  const at = (paths: readonly string[]) => {
    const found = paths.map((p) => resolve(root, p)).find((p) => existsSync(p));
    if (found === undefined) throw new Error(`${root}: none of ${paths.join(', ')}`);
    return import(pathToFileURL(found).href);
  };
  const [engine, request, apply, vault] = await Promise.all([at(PATHS.engine), at(PATHS.request), at(PATHS.apply), at(PATHS.vault)]);
  return { ScanEngine: engine.ScanEngine, scanRequestText: request.scanRequestText, applyRedactions: apply.applyRedactions, Vault: vault.Vault };
}

const onLoop = { workerThresholdChars: Number.MAX_SAFE_INTEGER, workers: 0 };
const NAMES = ['person', 'location', 'organization'];

type Run = () => Promise<void>;

function pipeline(tree: Tree, body: string): Run {
  const engine = new tree.ScanEngine({ scan: { cacheChars: 0 }, ...onLoop });
  const vault = new tree.Vault({ hmacKey: randomBytes(32), persistence: { put: async () => undefined, get: async () => undefined }, maxEntries: 200_000, ttlMs: 86_400_000 });
  return async () => {
    const json: unknown = JSON.parse(body);
    const scanned = await tree.scanRequestText('anthropic-messages', json, [], engine);
    const session = vault.session('app:bench');
    const result = await tree.applyRedactions(scanned.units, scanned.findings, session.mint);
    await session.flush();
    if (result.changed) JSON.stringify(json);
  };
}

function scanStep(tree: Tree, text: string, names: boolean): Run {
  const engine = new tree.ScanEngine({ scan: { cacheChars: 0, ...(names ? { enabled: NAMES } : {}) }, ...onLoop });
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
  return async () => {
    await tree.scanRequestText('openai-chat', JSON.parse(body), [], engine);
  };
}

async function cpu(run: Run): Promise<number> {
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function compare(a: Run, b: Run): Promise<{ a: number; b: number; ratios: number[] }> {
  for (let i = 0; i < 10; i++) {
    await a();
    await b();
  }
  const all: { a: number[]; b: number[] } = { a: [], b: [] };
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const ra: number[] = [];
    const rb: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        ra.push(await cpu(a));
        rb.push(await cpu(b));
      } else {
        rb.push(await cpu(b));
        ra.push(await cpu(a));
      }
    }
    ratios.push(median(rb) / median(ra));
    all.a.push(...ra);
    all.b.push(...rb);
  }
  return { a: median(all.a), b: median(all.b), ratios: ratios.sort((x, y) => x - y) };
}

async function main(): Promise<void> {
  const before = await load(other!);
  const after = await load(process.cwd());
  const cc = claudeCodeRequest();
  // eslint-disable-next-line no-control-regex -- everything outside ASCII
  const ascii = cc.body.replace(/[^\x00-\x7f]/g, '-');
  const prose = namesProse(256 * 1024);
  const code = namesCode(256 * 1024);
  const log = logDump().body;
  const cases: [string, (t: Tree) => Run][] = [
    ['pipeline, 256 KB request', (t) => pipeline(t, cc.body)],
    ['pipeline, 256 KB request, pure ASCII', (t) => pipeline(t, ascii)],
    ['scan step, 256 KB prose, names on', (t) => scanStep(t, prose, true)],
    ['scan step, 256 KB code, names on', (t) => scanStep(t, code, true)],
    ['scan step, 256 KB prose, names off', (t) => scanStep(t, prose, false)],
    ['scan step, 1 MB log dump', (t) => scanStep(t, log, false)],
  ];
  console.log(`scan-trees: ${other} (before) vs ${process.cwd()} (after); ${ROUNDS} rounds of ${RUNS} interleaved pairs, CPU ms\n`);
  const rows: string[][] = [];
  for (const [name, make] of cases) {
    const r = await compare(make(before), make(after));
    rows.push([name, num(r.a, 2), num(r.b, 2), pct(median(r.ratios) - 1), `${pct(r.ratios[0]! - 1)} … ${pct(r.ratios.at(-1)! - 1)}`]);
    console.log(table(['case', 'before p50', 'after p50', 'change (median of rounds)', 'rounds range'], rows.slice(-1)));
  }
  console.log(`\n${table(['case', 'before p50', 'after p50', 'change (median of rounds)', 'rounds range'], rows)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
