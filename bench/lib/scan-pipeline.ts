// In-process measurements for bench/scan.ts: the request-side redaction pipeline stage by stage,
// the other work the gateway does on its event loop per request, and the scanner's throughput.
// Every measurement first checks its own output (nothing planted left in clear, exact restoration).
import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ApiShape } from '../../gateway/shared/shape.js';
import { parseJsonBody } from '../../gateway/body/parse.js';
import { ScanEngine } from '../../gateway/request/scan-engine.js';
import { scanRequestText } from '../../gateway/request/scan-request.js';
import { applyRedactions } from '../../gateway/request/redact.js';
import { restoreJsonResponse } from '../../gateway/response/restore/json-response.js';
import { restoreText } from '../../gateway/response/restore/restore-text.js';
import { passthrough } from '../../gateway/response/shapes/passthrough.js';
import { safeCut } from '../../gateway/response/restore/sliced.js';
import { compileScanner } from '../../gateway/scan/index.js';
import { Vault } from '../../gateway/vault/vault.js';
import type { Planted } from '../payloads.js';
import { median, percentile } from './stats.js';

/**
 * Runs before the samples. V8 tiers a 256 KB pipeline's code (and its regular expressions) up over
 * the first few dozen runs: after 5, the samples still held unoptimised runs (p90 15.9 ms against a
 * p50 of 6.4; after 100, 6.6 against 5.5). The figures are the steady state of a running gateway.
 */
export const WARMUP = 100;
export const RUNS = 25;
const MB = 1e6;
/** The gateway's default limits.jsonDepth and limits.stringBytes. */
const LIMITS = { depth: 64, stringBytes: 16 * 1024 * 1024 };

export interface Case {
  name: string;
  body: string;
  shape: ApiShape;
  planted: Planted[];
  /** The strings the scanner sees. */
  texts: string[];
}

export const STAGES = ['parse', 'scan', 'redact', 'stringify'] as const;
type Sample = Record<(typeof STAGES)[number] | 'total', number>;

/**
 * Scans on the event loop, whatever the size: the pipeline as a small request runs it. Its result
 * cache is off, so every run scans in full (a first turn); `cachedEngine` has it on, for the next turn.
 */
export const engine = new ScanEngine({ scan: { cacheChars: 0 }, workerThresholdChars: Number.MAX_SAFE_INTEGER, workers: 0 });
export const cachedEngine = new ScanEngine({ scan: {}, workerThresholdChars: Number.MAX_SAFE_INTEGER, workers: 0 });
/** The same with Unicode normalisation off, only to measure what normalising costs. */
const rawEngine = new ScanEngine({ scan: { normalize: false, cacheChars: 0 }, workerThresholdChars: Number.MAX_SAFE_INTEGER, workers: 0 });
const vault = new Vault({
  hmacKey: randomBytes(32),
  persistence: { put: async () => undefined, get: async () => undefined },
  maxEntries: 200_000,
  ttlMs: 86_400_000,
});

function assertRedacted(c: Case, out: string, redacted: number): void {
  const leaked = c.planted.filter((p) => out.includes(p.value) || out.includes(JSON.stringify(p.value).slice(1, -1)));
  if (leaked.length > 0 || redacted < c.planted.length) {
    throw new Error(`${c.name}: the pipeline left ${leaked.map((p) => p.kind).join(', ') || 'values'} in clear (${redacted} redacted)`);
  }
}

async function pipelineOnce(c: Case, check: boolean, scanWith = engine): Promise<Sample> {
  const t0 = performance.now();
  const json: unknown = JSON.parse(c.body);
  const t1 = performance.now();
  const scanned = await scanRequestText(c.shape, json, [], scanWith);
  const t2 = performance.now();
  const session = vault.session('app:bench');
  const result = await applyRedactions(scanned.units, scanned.findings, session.mint);
  await session.flush();
  const t3 = performance.now();
  const out = result.changed ? JSON.stringify(json) : c.body;
  const t4 = performance.now();
  if (check) assertRedacted(c, out, result.redacted);
  return { parse: t1 - t0, scan: t2 - t1, redact: t3 - t2, stringify: t4 - t3, total: t4 - t0 };
}

function parseStringifyOnce(body: string): number {
  const t0 = performance.now();
  JSON.stringify(JSON.parse(body));
  return performance.now() - t0;
}

export interface PipelineResult {
  /** Medians (ms) per stage and of the total. */
  median: Sample;
  p90: number;
  /** Median of plain JSON.parse + JSON.stringify of the same body. */
  baseline: number;
}

export async function measurePipeline(c: Case): Promise<PipelineResult> {
  for (let i = 0; i < WARMUP; i++) await pipelineOnce(c, i === 0);
  const samples: Sample[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(await pipelineOnce(c, false));
    base.push(parseStringifyOnce(c.body));
  }
  const med = (k: keyof Sample) => median(samples.map((s) => s[k]));
  return {
    median: { parse: med('parse'), scan: med('scan'), redact: med('redact'), stringify: med('stringify'), total: med('total') },
    p90: percentile(samples.map((s) => s.total), 90),
    baseline: median(base),
  };
}

export interface NormalisationCost {
  /** Median pipeline time (ms, wall) with normalisation on, and off, over every round. */
  on: number;
  off: number;
  /** The same in CPU time of this process: on a busy machine, time spent waiting for a core is left out. */
  cpuOn: number;
  cpuOff: number;
  /** CPU on ÷ CPU off per round (medians of that round), sorted: the goal reads their median, the spread shows the noise. */
  roundRatios: number[];
}

/** Rounds of the normalisation comparison; the added cost is the median of the rounds' ratios. */
export const NORMALISATION_ROUNDS = 5;

async function cpuTimed(run: () => Promise<Sample>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const wall = (await run()).total;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/**
 * The pipeline with and without Unicode normalisation, runs interleaved so both see the same
 * machine, in NORMALISATION_ROUNDS rounds of RUNS × 2 pairs; the order within a pair alternates
 * (on first, then off first) so neither side always runs on a cache the other warmed. A few percent
 * is below one run's noise, so the figure is the median of per-round ratios of medians, with its spread.
 * Each side checks its own output first.
 */
export async function measureNormalisation(c: Case): Promise<NormalisationCost> {
  for (let i = 0; i < WARMUP; i++) {
    await pipelineOnce(c, i === 0, engine);
    await pipelineOnce(c, i === 0, rawEngine);
  }
  const on: { wall: number; cpu: number }[] = [];
  const off: { wall: number; cpu: number }[] = [];
  const roundRatios: number[] = [];
  const cpuOf = (xs: { cpu: number }[]) => median(xs.map((x) => x.cpu));
  for (let r = 0; r < NORMALISATION_ROUNDS; r++) {
    const roundOn: { wall: number; cpu: number }[] = [];
    const roundOff: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      if (i % 2 === 0) {
        roundOn.push(await cpuTimed(() => pipelineOnce(c, false, engine)));
        roundOff.push(await cpuTimed(() => pipelineOnce(c, false, rawEngine)));
      } else {
        roundOff.push(await cpuTimed(() => pipelineOnce(c, false, rawEngine)));
        roundOn.push(await cpuTimed(() => pipelineOnce(c, false, engine)));
      }
    }
    roundRatios.push(cpuOf(roundOn) / cpuOf(roundOff));
    on.push(...roundOn);
    off.push(...roundOff);
  }
  const med = (xs: { wall: number; cpu: number }[], k: 'wall' | 'cpu') => median(xs.map((x) => x[k]));
  return { on: med(on, 'wall'), off: med(off, 'wall'), cpuOn: med(on, 'cpu'), cpuOff: med(off, 'cpu'), roundRatios: roundRatios.sort((x, y) => x - y) };
}

export interface NextTurnCost {
  /** Median pipeline time (ms, wall and CPU): the result cache off (every string scanned), and on. */
  cold: number;
  warm: number;
  cpuCold: number;
  cpuWarm: number;
}

/**
 * The next turn of a conversation: the request again (its history) with one new user message at the
 * end, a different one every run. With the scanner's result cache on, the history's long strings were
 * seen the turn before and only the rest is scanned; with it off, everything is. Runs interleaved.
 */
export async function measureNextTurn(c: Case): Promise<NextTurnCost> {
  const base = JSON.parse(c.body) as { messages: unknown[] };
  const turn = (k: number): Case => {
    const messages = [...base.messages, { role: 'user', content: `Turn ${k}: the tests pass now; also rename the config flag and update the README section.` }];
    return { ...c, body: JSON.stringify({ ...base, messages }) };
  };
  for (let i = 0; i < WARMUP; i++) {
    await pipelineOnce(turn(i), i === 0, engine);
    await pipelineOnce(turn(i), i === 0, cachedEngine);
  }
  const cold: { wall: number; cpu: number }[] = [];
  const warm: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const next = turn(WARMUP + i);
    cold.push(await cpuTimed(() => pipelineOnce(next, false, engine)));
    warm.push(await cpuTimed(() => pipelineOnce(next, false, cachedEngine)));
  }
  const med = (xs: { wall: number; cpu: number }[], k: 'wall' | 'cpu') => median(xs.map((x) => x[k]));
  return { cold: med(cold, 'wall'), warm: med(warm, 'wall'), cpuCold: med(cold, 'cpu'), cpuWarm: med(warm, 'cpu') };
}

export interface LoopWork {
  /** parseJsonBody: depth/string-limit pass plus secure-json-parse, as the boundary runs it. */
  boundaryParse: number;
  /** applyRedactions + JSON.stringify of the body. */
  rewrite: number;
  /** restoreJsonResponse over a response as large as the request, holding its placeholders. */
  restore: number;
  jsonParse: number;
  /**
   * The same three with the body over the worker threshold, as the gateway now runs them: the bytes
   * copied out and the value's structured clone read back (parse), applyRedactions plus the value's
   * clone out and the bytes' copy back (rewrite), and the longest 16 K-character restore piece.
   */
  offloadParse: number;
  offloadRewrite: number;
  restorePiece: number;
}

/** The longest single piece of a sliced restore (gateway/response/restore/sliced.ts cuts the same way). */
function longestRestorePiece(text: string, lookup: (p: string) => string | undefined): number {
  let longest = 0;
  for (let start = 0; start < text.length;) {
    const end = start + 16 * 1024 >= text.length ? text.length : safeCut(text, start + 16 * 1024);
    const t = performance.now();
    restoreText(text.slice(start, end), lookup, true);
    longest = Math.max(longest, performance.now() - t);
    start = end;
  }
  return longest;
}

/**
 * What stays on the event loop per request when the scan itself goes to a worker: the boundary's
 * parse, the rewrite and the response's restoration. Checks that restoration gives the body back.
 */
export async function measureLoopWork(c: Case): Promise<LoopWork> {
  const raw = Buffer.from(c.body);
  const samples: LoopWork[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    let t = performance.now();
    const parsed = parseJsonBody(raw, LIMITS);
    const boundaryParse = performance.now() - t;
    const cloned = serialize(parsed.json); // before redaction changes it, for the offloaded path below
    t = performance.now();
    JSON.parse(c.body);
    const jsonParse = performance.now() - t;
    const scanned = await scanRequestText(c.shape, parsed.json, [], engine);
    const session = vault.session('app:bench');
    t = performance.now();
    const result = await applyRedactions(scanned.units, scanned.findings, session.mint);
    const out = JSON.stringify(parsed.json);
    const rewrite = performance.now() - t;
    t = performance.now();
    const restored = restoreJsonResponse(passthrough.restore.document, out, session.lookup);
    const restore = performance.now() - t;
    // The offloaded path: what the loop pays around the worker's parse and re-serialisation.
    t = performance.now();
    Buffer.from(raw);
    deserialize(cloned);
    const offloadParse = performance.now() - t;
    const again = deserialize(cloned) as unknown;
    const scannedAgain = await scanRequestText(c.shape, again, [], engine);
    t = performance.now();
    await applyRedactions(scannedAgain.units, scannedAgain.findings, vault.session('app:bench').mint);
    serialize(again);
    Buffer.from(out);
    const offloadRewrite = performance.now() - t;
    const restorePiece = longestRestorePiece(out, session.lookup);
    if (i === 0) {
      assertRedacted(c, out, result.redacted);
      if (restored !== c.body) throw new Error(`${c.name}: restoring the redacted body did not give the original back`);
    }
    if (i >= WARMUP) samples.push({ boundaryParse, rewrite, restore, jsonParse, offloadParse, offloadRewrite, restorePiece });
  }
  const med = (k: keyof LoopWork) => median(samples.map((s) => s[k]));
  return {
    boundaryParse: med('boundaryParse'), rewrite: med('rewrite'), restore: med('restore'), jsonParse: med('jsonParse'),
    offloadParse: med('offloadParse'), offloadRewrite: med('offloadRewrite'), restorePiece: med('restorePiece'),
  };
}

/**
 * UTF-8 MB/s of the compiled scanner over the case's strings on this thread (by wall time, and by this
 * process's CPU time, which a busy machine inflates far less), and of JSON.parse over its body.
 */
export function measureScanner(c: Case): { textMb: number; scanRate: number; scanCpuRate: number; parseRate: number } {
  const scanner = compileScanner({ cacheChars: 0 });
  const bytes = c.texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const scanMs: number[] = [];
  const scanCpuMs: number[] = [];
  const parseMs: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of c.texts) scanner.scan(t);
    const t1 = performance.now();
    const cpu = process.cpuUsage(c0);
    JSON.parse(c.body);
    const t2 = performance.now();
    if (i >= WARMUP) {
      scanMs.push(t1 - t0);
      scanCpuMs.push((cpu.user + cpu.system) / 1000);
      parseMs.push(t2 - t1);
    }
  }
  return {
    textMb: bytes / MB,
    scanRate: bytes / MB / (median(scanMs) / 1000),
    scanCpuRate: bytes / MB / (median(scanCpuMs) / 1000),
    parseRate: Buffer.byteLength(c.body) / MB / (median(parseMs) / 1000),
  };
}
