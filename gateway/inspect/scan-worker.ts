import { compileScanner, scanTexts, type Finding, type ScanOptions, type Scanner } from '../scan/index.js';

export interface ScanTask {
  texts: readonly string[];
  /** Which texts are prose, where the name detectors look. */
  prose: readonly boolean[];
  options: ScanOptions;
  /** Identifies `options`, so a worker compiles each configuration once. */
  optionsKey: string;
}

let cached: { key: string; scanner: Scanner } | undefined;

/** Worker-thread entry: the same compiled detectors as the main thread, run off the event loop. */
export default function scanTask(task: ScanTask): Finding[][] {
  if (cached?.key !== task.optionsKey) cached = { key: task.optionsKey, scanner: compileScanner(task.options) };
  return scanTexts(cached.scanner, task.texts, task.prose);
}
