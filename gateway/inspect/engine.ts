import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { GatewayError } from '../errors.js';
import { compileScanner, scanTexts, type Finding, type ScanOptions, type Scanner } from '../scan/index.js';
import type { ScanTask } from './scan-worker.js';

export interface ScanEngineOptions {
  scan: ScanOptions;
  /** Total characters above which a request's strings are scanned on a worker thread. */
  workerThresholdChars: number;
  /** Worker threads; 0 scans everything on the event loop. */
  workers: number;
  /**
   * Replaces the detector compiler (fault injection in tests: a detector that throws). A custom
   * compiler cannot travel to worker threads, so everything is then scanned on the event loop.
   */
  compile?: (opts: ScanOptions) => Scanner;
}

/** Running from TypeScript sources (tsx), workers need tsx too; from dist/ they load plain JS. */
const fromSource = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(`./scan-worker${fromSource ? '.ts' : '.js'}`, import.meta.url).href;

export const defaultWorkerCount = () => Math.max(1, Math.min(4, availableParallelism() - 1));

/**
 * Scans a request's strings: small requests on the event loop (a worker round trip would cost more
 * than the scan), large ones on a piscina pool so the loop stays responsive. Any failure — a
 * detector that throws, a worker that dies, an oversized string — rejects with GW_ERR_SCAN_FAILED:
 * the caller fails closed and forwards nothing.
 */
export class ScanEngine {
  #scanner: Scanner;
  #options: ScanOptions;
  #optionsKey: string;
  #pool: Piscina<ScanTask, Finding[][]> | undefined;
  readonly #threshold: number;
  readonly #workers: number;
  readonly #compile: (opts: ScanOptions) => Scanner;

  constructor(opts: ScanEngineOptions) {
    this.#compile = opts.compile ?? compileScanner;
    this.#options = opts.scan;
    this.#optionsKey = JSON.stringify(opts.scan);
    this.#scanner = this.#compile(opts.scan);
    this.#threshold = opts.workerThresholdChars;
    this.#workers = opts.compile ? 0 : opts.workers;
  }

  /** Compiles a new configuration (throws ScanConfigError and keeps the old one when it is invalid). */
  reconfigure(scan: ScanOptions): void {
    this.#scanner = this.#compile(scan);
    this.#options = scan;
    this.#optionsKey = JSON.stringify(scan);
  }

  /** One short string, on the event loop (headers, names): throws what the detectors throw. */
  scanText(text: string): Finding[] {
    return this.#scanner.scan(text);
  }

  /** `prose[i]`: text i is message or tool-result prose, where the name detectors look (default: none). */
  async scanAll(texts: readonly string[], prose: readonly boolean[] = []): Promise<Finding[][]> {
    let total = 0;
    for (const t of texts) total += t.length;
    try {
      if (this.#workers === 0 || total < this.#threshold) return scanTexts(this.#scanner, texts, prose);
      return await this.#poolOf().run({ texts, prose, options: this.#options, optionsKey: this.#optionsKey });
    } catch (err) {
      throw new GatewayError('GW_ERR_SCAN_FAILED', undefined, { cause: err });
    }
  }

  #poolOf(): Piscina<ScanTask, Finding[][]> {
    this.#pool ??= new Piscina<ScanTask, Finding[][]>({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: this.#workers,
      idleTimeout: 60_000,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
    });
    return this.#pool;
  }

  async close(): Promise<void> {
    await this.#pool?.destroy();
    this.#pool = undefined;
  }
}
