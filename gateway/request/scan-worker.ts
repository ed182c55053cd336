// The scan pool's worker-thread entry (loaded by file name from scan-engine.ts): the same detectors
// as the event loop, run at a lower priority, plus the large-body JSON tasks.
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { compileScanner, scanTextsCapped, type Finding, type ScanOptions, type Scanner } from '../scan/index.js';
import { unpackTexts, type PackedTexts } from './shared-texts.js';

/**
 * Scan workers run below the event loop's priority: a scan is throughput work, the loop is every
 * other client's latency. On a machine with fewer free cores than busy threads the scheduler then
 * wakes the loop at once instead of after the worker's time slice. Linux only: there a nice value
 * is per thread; on macOS and Windows it would lower the whole process, the loop included.
 */
export const WORKER_NICE = 10;
if (!isMainThread && process.platform === 'linux') {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // A sandbox that forbids it: the worker runs at normal priority.
  }
}

export interface ScanTask {
  /** The texts, or (a large scan) where they lie in shared memory. */
  texts: readonly string[] | PackedTexts;
  /** Which texts are prose, where the name detectors look. */
  prose: readonly boolean[];
  options: ScanOptions;
  /** Identifies `options`, so a worker compiles each configuration once. */
  optionsKey: string;
  /** Most findings worth returning: past it the request is refused, so the worker stops early. */
  maxFindings: number;
}

/** The findings per text, or how many were found before the cap stopped the scan. */
export type ScanResult = { findings: Finding[][] } | { over: number };

let cached: { key: string; scanner: Scanner } | undefined;

/** Worker-thread entry: the same compiled detectors as the main thread, run off the event loop. */
export default function scanTask(task: ScanTask): ScanResult {
  if (cached?.key !== task.optionsKey) cached = { key: task.optionsKey, scanner: compileScanner(task.options) };
  const texts = Array.isArray(task.texts) ? (task.texts as readonly string[]) : unpackTexts(task.texts as PackedTexts);
  return scanCapped(cached.scanner, texts, task.prose, task.maxFindings);
}

/** Scans text by text, and stops once more than `max` findings were seen (nothing is returned then). */
export function scanCapped(scanner: Scanner, texts: readonly string[], prose: readonly boolean[], max: number): ScanResult {
  const found = scanTextsCapped(scanner, texts, prose, max);
  return Array.isArray(found) ? { findings: found } : found;
}

// The parse and re-serialisation of large JSON bodies run on the same pool (named tasks).
export { parseJsonTask, stringifyJsonTask } from '../body/json-tasks.js';
