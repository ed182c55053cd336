// `npm run bench:scan`: what redaction costs, on representative agent payloads (bench/payloads.ts).
//  1. The request-side pipeline on the event loop, per stage: JSON.parse → scanRequestText (engine
//     with no workers) → applyRedactions with a real Vault session (in-memory persistence) →
//     JSON.stringify, for a ~256 KB Claude-Code-like request (goal ≤ 5 ms p50) and for 1 MB; and
//     what stays on the loop per request when the scan runs on a worker; the next turn of the same
//     conversation with the scanner's result cache off and on (every other figure is measured with it off).
//  2. The scanner alone: MB/s on one core, next to JSON.parse's.
//  3. The real gateway (CLI child) under concurrent 1 MB requests: its event-loop delay from
//     GET /metrics (goal p99 < 20 ms), with the worker pool and with everything on the loop.
//  4. The opt-in name detectors: the scan step of a 256 KB prose request (goal ≤ 20 ms p50) and a
//     256 KB code request (goal ≤ 8 ms p50) with them on, beside the same with them off. Sections
//     1–3 run with them off (the default), so their figures are today's.
// Medians over 25 runs after warm-up (the normalisation comparison: 5 rounds, median of their ratios), always beside a ratio: the machine may be shared, so ratios
// travel better than absolute times. Stops by itself in well under two minutes.
// Flags: `--only loop,names` runs some sections; `--runs 3` interleaves section 3 three times
// (medians); `--baseline DIR` adds another checkout's gateway to section 3, measured in the same run.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { claudeCodeRequest, logDump } from './payloads.js';
import { killAllChildren } from './lib/procs.js';
import { cachedEngine, engine, measureLoopWork, measureNextTurn, measureNormalisation, measurePipeline, measureScanner, NORMALISATION_ROUNDS, RUNS, STAGES, WARMUP, type Case } from './lib/scan-pipeline.js';
import { measureLoop, startFake, tinyStats, type LoopRun } from './lib/scan-loop.js';
import { measureNames } from './lib/scan-names.js';
import { median, num, pct, percentile, table } from './lib/stats.js';

const GOAL_256_MS = 5;
/** Most that normalisation may add to a pure-ASCII request (its fast path). */
const GOAL_ASCII_OVERHEAD = 0.05;
const GOAL_LOOP_P99_MS = 20;
/** Scan throughput per core (issue 9's speed work), read from CPU time. */
const GOAL_SCAN_MB_S = 74;
const ms = (v: number, digits = 2) => `${num(v, digits)} ms`;
const ratio = (v: number) => `${num(v, 1)}×`;

function cases(): Case[] {
  const cc256 = claudeCodeRequest();
  const cc1m = claudeCodeRequest(1024 * 1024);
  const log = logDump();
  return [
    { name: cc256.name, body: cc256.body, shape: 'anthropic-messages', planted: cc256.planted, texts: cc256.texts },
    { name: cc1m.name, body: cc1m.body, shape: 'anthropic-messages', planted: cc1m.planted, texts: cc1m.texts },
    {
      name: `${log.name} as a chat message`,
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: log.body }] }),
      shape: 'openai-chat',
      planted: log.planted,
      texts: log.texts,
    },
  ];
}

async function pipelineSection(all: Case[]): Promise<void> {
  console.log(`\n1. Request-side pipeline on the event loop (medians of ${RUNS} runs after ${WARMUP} warm-up)\n`);
  const rows: string[][] = [];
  for (const c of all) {
    const r = await measurePipeline(c);
    const stageSum = STAGES.reduce((n, s) => n + r.median[s], 0);
    const small = c.body.length <= 300 * 1024;
    rows.push([
      c.name, `${num(c.body.length / 1024)} KB`, ms(r.median.total), ms(r.p90), ratio(r.median.total / r.baseline),
      ...STAGES.map((s) => pct(r.median[s] / stageSum)),
      small ? `${r.median.total <= GOAL_256_MS ? 'met' : 'MISSED'} (≤ ${GOAL_256_MS} ms)` : '—',
    ]);
  }
  console.log(table(['payload', 'size', 'p50', 'p90', 'vs parse+stringify', ...STAGES.map((s) => `${s} share`), 'goal'], rows));

  console.log('\n   Left on the loop per request when the scan runs on a worker (the gateway\'s own parse, rewrite, restore):');
  console.log('   inline (bodies under scan.workerThresholdChars), and with the parse and re-serialisation on the worker\n');
  const work: string[][] = [];
  for (const c of all) {
    const w = await measureLoopWork(c);
    const sum = w.boundaryParse + w.rewrite + w.restore;
    work.push([
      c.name, ms(w.boundaryParse), ratio(w.boundaryParse / w.jsonParse), ms(w.rewrite), ms(w.restore), ms(sum),
      ms(w.offloadParse), ms(w.offloadRewrite), ms(w.restorePiece),
    ]);
  }
  console.log(table(
    ['payload', 'boundary parse', 'vs JSON.parse', 'redact+stringify', 'restore same size', 'sum', 'offloaded: parse', 'offloaded: redact+clone', 'longest restore piece'],
    work,
  ));
}

// eslint-disable-next-line no-control-regex -- everything outside ASCII, NUL included in the range
const NON_ASCII = /[^\u0000-\u007f]/g;
const isAscii = (s: string) => s.search(NON_ASCII) < 0;

/** The Claude-Code-like request with its few non-ASCII characters (✔ ℹ —) replaced: pure ASCII. */
function asciiOnly(c: Case): Case {
  const body = c.body.replace(NON_ASCII, '-');
  return { ...c, name: `${c.name} (pure ASCII)`, body, texts: c.texts.map((t) => t.replace(NON_ASCII, '-')) };
}

async function normalisationSection(all: Case[]): Promise<void> {
  console.log(`\n   Unicode normalisation on vs off, same pipeline, runs interleaved (${NORMALISATION_ROUNDS} rounds of ${RUNS * 2} pairs, order alternating)\n`);
  const rows: string[][] = [];
  for (const c of [all[0]!, asciiOnly(all[0]!)]) {
    const r = await measureNormalisation(c);
    // The added cost is the median over rounds of (median CPU on ÷ median CPU off): robust to one noisy round.
    const overhead = median(r.roundRatios) - 1;
    const spread = `${pct(r.roundRatios[0]! - 1)} … ${pct(r.roundRatios.at(-1)! - 1)}`;
    const ascii = isAscii(c.body);
    rows.push([
      c.name, ms(r.off), ms(r.on), ms(r.cpuOff), ms(r.cpuOn), pct(overhead), spread,
      ascii
        ? `${overhead <= GOAL_ASCII_OVERHEAD ? 'met' : 'MISSED'} (≤ ${pct(GOAL_ASCII_OVERHEAD)})`
        : `wall ${r.on <= GOAL_256_MS ? 'met' : 'MISSED'}, CPU ${r.cpuOn <= GOAL_256_MS ? 'met' : 'MISSED'} (≤ ${GOAL_256_MS} ms)`,
    ]);
  }
  console.log(table(['payload', 'p50 off', 'p50 on', 'p50 CPU off', 'p50 CPU on', 'added (CPU, median of rounds)', 'rounds range', 'goal'], rows));
}

async function nextTurnSection(all: Case[]): Promise<void> {
  console.log(`\n   The next turn: the same request plus one new user message, result cache off vs on (medians of ${RUNS * 2}, interleaved)\n`);
  const rows: string[][] = [];
  for (const c of all.slice(0, 2)) {
    const r = await measureNextTurn(c);
    rows.push([c.name, ms(r.cold), ms(r.warm), ms(r.cpuCold), ms(r.cpuWarm), ratio(r.cpuCold / r.cpuWarm)]);
  }
  console.log(table(['payload', 'p50 cache off', 'p50 cache on', 'p50 CPU off', 'p50 CPU on', 'CPU saved'], rows));
}

function scannerSection(all: Case[]): void {
  console.log('\n2. Scanner alone, one core (UTF-8 MB of the strings it scans)\n');
  const rows = all.map((c) => {
    const s = measureScanner(c);
    return [
      c.name, `${num(s.textMb, 2)} MB`, `${num(s.scanRate)} MB/s`, `${num(s.scanCpuRate)} MB/s`,
      `${s.scanCpuRate >= GOAL_SCAN_MB_S ? 'met' : 'MISSED'} (≥ ${GOAL_SCAN_MB_S})`, `${num(s.parseRate)} MB/s`, ratio(s.parseRate / s.scanRate),
    ];
  });
  console.log(table(['payload', 'text', 'scan, wall', 'scan per CPU second', 'goal', 'JSON.parse', 'scan slower by (wall)'], rows));
}

/** One gateway configuration over several runs: medians of each figure, and every run's loop p99. */
interface LoopSummary {
  label: string;
  p99s: number[];
  idleP99: number;
  load: { p50: number; p99: number; max: number };
  tinyIdleP50: number;
  tinyLoadP50: number;
  tinyLoadP99: number;
  bigP50: number;
  bigP99: number;
  rate: number;
  cpu: number;
}

function summarise(runs: LoopRun[]): LoopSummary {
  const m = (f: (r: LoopRun) => number) => median(runs.map(f));
  return {
    label: runs[0]!.label,
    p99s: runs.map((r) => r.load.p99),
    idleP99: m((r) => r.idle.p99),
    load: { p50: m((r) => r.load.p50), p99: m((r) => r.load.p99), max: m((r) => r.load.max) },
    tinyIdleP50: m((r) => tinyStats(r.tinyIdle).p50),
    tinyLoadP50: m((r) => tinyStats(r.tinyLoad).p50),
    tinyLoadP99: m((r) => tinyStats(r.tinyLoad).p99),
    bigP50: m((r) => median(r.bigMs)),
    bigP99: m((r) => percentile(r.bigMs, 99)),
    rate: m((r) => r.bigRequests / r.seconds),
    cpu: m((r) => r.gatewayCpuSeconds / r.seconds),
  };
}

function loopRow(r: LoopSummary): string[] {
  const net = r.load.p99;
  return [
    r.label,
    ms(r.idleP99, 1),
    `${num(r.load.p50, 1)} / ${num(r.load.p99, 1)} / ${num(r.load.max, 1)} ms`,
    `${ms(net, 1)} ${net < GOAL_LOOP_P99_MS ? 'met' : 'MISSED'}`,
    r.p99s.length > 1 ? r.p99s.map((v) => num(v, 0)).join(', ') : '—',
    `${num(r.tinyIdleP50, 1)} → ${num(r.tinyLoadP50, 1)} ms (${ratio(r.tinyLoadP50 / r.tinyIdleP50)})`,
    ms(r.tinyLoadP99, 1),
    `${num(r.bigP50, 0)} / ${num(r.bigP99, 0)} ms`,
    `${num(r.rate, 1)}/s`,
    num(r.cpu, 2),
  ];
}

/**
 * Section 3, `runs` rounds interleaved (pool, all on the loop, then the baseline checkout's pool when
 * given), so every configuration sees the same machine; medians per configuration.
 */
async function gatewaySection(logText: string, runs: number, baseline: string | undefined): Promise<void> {
  console.log(`\n3. Real gateway (CLI child): 4 clients send 1 MB chat requests for 6 s; the fake provider echoes them (restored on the way back); ${runs} interleaved run(s), medians\n`);
  const fake = await startFake();
  try {
    const configs: { label: string; scan: object; root?: string }[] = [
      { label: 'worker pool (workers auto)', scan: { workers: 'auto' } },
      { label: 'all on the loop (workers 0)', scan: { workers: 0 } },
      ...(baseline ? [{ label: `baseline ${baseline}, worker pool`, scan: { workers: 'auto' }, root: baseline }] : []),
    ];
    const results: LoopRun[][] = configs.map(() => []);
    for (let i = 0; i < runs; i++) {
      for (const [k, c] of configs.entries()) results[k]!.push(await measureLoop(c.label, c.scan, fake.url, logText, 4, 6, [], c.root));
    }
    const [pool, loop, base] = results.map(summarise);
    console.log(table(
      ['gateway', 'loop p99 idle', 'loop p50/p99/max, load', `p99 (goal < ${GOAL_LOOP_P99_MS})`, 'p99 per run', 'tiny request p50, idle → load', 'tiny p99, load', '1 MB request p50 / p99', '1 MB requests', 'gateway CPU (cores)'],
      [pool!, loop!, ...(base ? [base] : [])].map(loopRow),
    ));
    console.log(`\n   loop p99 under load, worker pool vs all on the loop: ${num(pool!.load.p99 / loop!.load.p99, 2)}×`);
    if (base) console.log(`   this checkout vs the baseline, worker pool: loop p99 ${num(pool!.load.p99 / base.load.p99, 2)}×, 1 MB request p50 ${num(pool!.bigP50 / base.bigP50, 2)}×`);
    console.log("   The loop delay is the gateway's aegisgate_event_loop_delay_seconds gauge (delay beyond its 10 ms sampling interval).");
  } finally {
    await fake.stop();
  }
}

const GOAL_NAMES_PROSE_MS = 20;
const GOAL_NAMES_CODE_MS = 8;

async function namesSection(): Promise<void> {
  console.log(`\n4. Name detectors (opt-in): the scan step on the event loop, off vs on, runs interleaved (medians of ${RUNS})\n`);
  const rows = (await measureNames(RUNS, WARMUP)).map((r) => {
    const goal = r.name.includes('prose') ? GOAL_NAMES_PROSE_MS : GOAL_NAMES_CODE_MS;
    return [
      r.name, ms(r.off), ms(r.on), ms(r.cpuOff), ms(r.cpuOn), ms(r.cpuOn - r.cpuOff), String(r.names),
      `wall ${r.on <= goal ? 'met' : 'MISSED'}, CPU ${r.cpuOn <= goal ? 'met' : 'MISSED'} (≤ ${goal} ms)`,
    ];
  });
  console.log(table(['payload', 'p50 off', 'p50 on', 'p50 CPU off', 'p50 CPU on', 'added (CPU)', 'names found', 'goal'], rows));
}

const { values: opts } = parseArgs({
  options: {
    // Sections to run (pipeline, scanner, loop, names; default all).
    only: { type: 'string' },
    // Interleaved rounds of section 3.
    runs: { type: 'string', default: '1' },
    // Another checkout of this repository (its node_modules installed): section 3 runs its gateway too.
    baseline: { type: 'string' },
  },
});
const wants = (name: string) => opts.only === undefined || opts.only.split(',').includes(name);

async function main(): Promise<void> {
  const cores = availableParallelism();
  const before = loadavg()[0]!;
  console.log(`bench:scan — ${cores} cores, load average ${num(before, 1)} at start${before > cores ? ' (busy machine: absolute times inflate, ratios hold better)' : ''}`);
  const all = cases();
  if (wants('pipeline')) {
    await pipelineSection(all);
    await normalisationSection(all);
    await nextTurnSection(all);
  }
  if (wants('scanner')) scannerSection(all);
  if (wants('loop')) await gatewaySection(JSON.parse(all[2]!.body).messages[0].content as string, Number(opts.runs), opts.baseline);
  if (wants('names')) await namesSection();
  await engine.close();
  await cachedEngine.close();
  console.log(`\nload average ${num(loadavg()[0]!, 1)} at the end`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    killAllChildren();
    process.exit(1);
  },
);
