/**
 * Detector benchmark: runs the compiled scanner over the representative payloads (bench/payloads.ts)
 * and prints, per payload, the median time of a full scan, throughput per core, and what each
 * detector costs on its own.
 *
 *   node --import tsx bench/scan-detectors.ts [--iterations N] [--json]
 *
 * Wall time and CPU time are both reported: on a shared machine the difference is time spent
 * waiting for a core. Per-detector figures are each detector alone; they do not add up exactly
 * to the full scan (V8 runs many different regexes over one string a little slower than one).
 */
import { BUILTIN_DETECTORS, compileScanner } from '../gateway/scan/index.js';
import type { Scanner } from '../gateway/scan/index.js';
import { claudeCodeRequest, logDump, type Payload } from './payloads.js';

const args = process.argv.slice(2);
const ITERATIONS = Math.max(20, Number(args[args.indexOf('--iterations') + 1]) || 41);
const WARMUP = 30;
const asJson = args.includes('--json');

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(run: () => void, iterations = ITERATIONS): Timing {
  for (let i = 0; i < WARMUP; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

const scanAll = (scanner: Scanner, texts: string[]) => () => {
  for (const t of texts) scanner.scan(t);
};

function benchPayload(payload: Payload) {
  const chars = payload.texts.reduce((n, t) => n + t.length, 0);
  const scanner = compileScanner();
  const findings = payload.texts.reduce((n, t) => n + scanner.scan(t).length, 0);
  const full = time(scanAll(scanner, payload.texts));
  const ids = BUILTIN_DETECTORS.map((d) => d.id);
  const overhead = time(scanAll(compileScanner({ disabled: ids }), payload.texts));
  const detectors = BUILTIN_DETECTORS.map((d) => {
    const alone = compileScanner({ disabled: ids.filter((id) => id !== d.id) });
    const t = time(scanAll(alone, payload.texts), Math.max(20, ITERATIONS >> 1));
    return { id: d.id, cpuMs: t.cpuMs };
  }).sort((a, b) => b.cpuMs - a.cpuMs);
  return {
    payload: payload.name,
    strings: payload.texts.length,
    chars,
    findings,
    planted: payload.planted.length,
    medianWallMs: full.wallMs,
    medianCpuMs: full.cpuMs,
    mbPerSecPerCore: chars / 1e6 / (full.cpuMs / 1000),
    overheadCpuMs: overhead.cpuMs,
    detectors,
  };
}

const results = [claudeCodeRequest(), logDump()].map(benchPayload);

if (asJson) {
  console.log(JSON.stringify({ node: process.version, iterations: ITERATIONS, results }, null, 2));
} else {
  console.log(`scan-detectors: node ${process.version}, ${ITERATIONS} timed runs after ${WARMUP} warm-up, medians`);
  for (const r of results) {
    console.log(`\n${r.payload}: ${r.strings} strings, ${(r.chars / 1024).toFixed(0)} K chars, ${r.findings} findings (${r.planted} planted)`);
    console.log(`  full scan     ${r.medianWallMs.toFixed(3)} ms wall, ${r.medianCpuMs.toFixed(3)} ms cpu, ${r.mbPerSecPerCore.toFixed(0)} MB/s per core`);
    console.log(`  no detectors  ${r.overheadCpuMs.toFixed(3)} ms cpu (placeholder check and loop only)`);
    console.log('  per detector, alone (cpu, including the no-detector cost):');
    for (const d of r.detectors) console.log(`    ${d.id.padEnd(20)} ${d.cpuMs.toFixed(3)} ms`);
  }
}
