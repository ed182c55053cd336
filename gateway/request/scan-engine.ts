// The scan engine: the detectors compiled from the configuration, run on the event loop for small
// requests and on a worker pool (scan-worker.ts) for large ones; and how a configuration becomes one.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ConfigError } from '../config/load.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import { compileScanner, ScanConfigError, type Finding, type ScanOptions, type Scanner } from '../scan/index.js';
import { scanCapped, type ScanResult, type ScanTask } from './scan-worker.js';
import { packTexts, TextArena, type PackedTexts } from './shared-texts.js';

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
  /** Told about a worker error outside any task (the pool is then rebuilt on next use). */
  onPoolError?: (err: unknown) => void;
  /** How long the shared text buffers are kept after the last large scan (default a minute). */
  sharedIdleMs?: number;
}

/** Running from TypeScript sources (tsx), workers need tsx too; from dist/ they load plain JS. */
const fromSource = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(`./scan-worker${fromSource ? '.ts' : '.js'}`, import.meta.url).href;
/**
 * The loader resolved from this file, not from the working directory: a bare `--import tsx` is
 * resolved from the cwd, which after `npm link` or a `cd` elsewhere has no tsx, and the worker fails.
 */
const WORKER_EXEC_ARGV = fromSource ? ['--import', import.meta.resolve('tsx')] : [];

/** Shared text buffers are given back after this long without a large scan (idle memory). */
const SHARED_IDLE_MS = 60_000;
const ARENA_MAX_BYTES = 64 * 1024 * 1024;

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
  #pool: Piscina<ScanTask, ScanResult> | undefined;
  readonly #threshold: number;
  readonly #workers: number;
  readonly #compile: (opts: ScanOptions) => Scanner;
  readonly #onPoolError: (err: unknown) => void;
  readonly #arena: TextArena;
  readonly #sharedIdleMs: number;
  #arenaUsed = 0;
  #arenaTimer: NodeJS.Timeout | undefined;

  constructor(opts: ScanEngineOptions) {
    this.#compile = opts.compile ?? compileScanner;
    this.#onPoolError = opts.onPoolError ?? (() => undefined);
    this.#options = opts.scan;
    this.#optionsKey = JSON.stringify(opts.scan);
    this.#scanner = this.#compile(opts.scan);
    this.#threshold = opts.workerThresholdChars;
    this.#workers = opts.compile ? 0 : opts.workers;
    // Queued scans hold a buffer each: keep enough for a few per worker.
    this.#arena = new TextArena(2 * this.#workers + 2, ARENA_MAX_BYTES);
    this.#sharedIdleMs = opts.sharedIdleMs ?? SHARED_IDLE_MS;
  }

  /** Bytes of shared text buffers kept for the next large scan. */
  get sharedBytes(): number {
    return this.#arena.keptBytes;
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

  /**
   * Findings per text. More than `maxFindings` in all is refused (413) before any of them costs a
   * placeholder: redacting each one is main-thread work, so the cap bounds what one request can ask for.
   * `prose[i]`: text i is message or tool-result prose, where the name detectors look (default: none).
   */
  async scanAll(texts: readonly string[], maxFindings = Number.POSITIVE_INFINITY, prose: readonly boolean[] = []): Promise<Finding[][]> {
    return this.scan(texts, maxFindings, prose);
  }

  /**
   * scanAll, answered synchronously when the texts are scanned on the loop (below the worker
   * threshold: most requests), so the request side awaits only what really waits for a worker.
   * Throws (inline) or rejects (worker) with the same errors.
   */
  scan(texts: readonly string[], maxFindings = Number.POSITIVE_INFINITY, prose: readonly boolean[] = []): Finding[][] | Promise<Finding[][]> {
    let total = 0;
    for (const t of texts) total += t.length;
    if (this.#workers === 0 || total < this.#threshold) {
      let result: ScanResult;
      try {
        result = scanCapped(this.#scanner, texts, prose, maxFindings);
      } catch (err) {
        throw new GatewayError('GW_ERR_SCAN_FAILED', undefined, { cause: err });
      }
      return findingsOf(result, maxFindings);
    }
    const failed = (err: unknown) => new GatewayError('GW_ERR_SCAN_FAILED', undefined, { cause: err });
    let packed: PackedTexts | undefined;
    let running: Promise<ScanResult>;
    try {
      packed = packTexts(texts, this.#arena);
      // A pool that cannot even be built fails the scan the same way a worker that dies does.
      running = this.#poolOf().run({ texts: packed ?? texts, prose, options: this.#options, optionsKey: this.#optionsKey, maxFindings });
    } catch (err) {
      if (packed) this.#release(packed.buffer);
      throw failed(err);
    }
    const buffer = packed?.buffer;
    return running.then(
      (result) => {
        if (buffer) this.#release(buffer);
        return findingsOf(result, maxFindings);
      },
      (err: unknown) => {
        if (buffer) this.#release(buffer);
        throw failed(err);
      },
    );
  }

  /**
   * A scan's shared buffer back to the arena once its task settled (the worker read its texts before
   * scanning them). After a minute without large scans the arena's buffers are let go.
   */
  #release(buffer: SharedArrayBuffer): void {
    this.#arena.release(buffer);
    this.#arenaUsed = performance.now();
    this.#arenaTimer ??= setTimeout(() => this.#dropIdleArena(), this.#sharedIdleMs).unref();
  }

  #dropIdleArena(): void {
    const idleFor = performance.now() - this.#arenaUsed;
    if (idleFor >= this.#sharedIdleMs) {
      this.#arena.clear();
      this.#arenaTimer = undefined;
    } else {
      this.#arenaTimer = setTimeout(() => this.#dropIdleArena(), this.#sharedIdleMs - idleFor).unref();
    }
  }

  /** Whether work on `size` characters (or bytes) goes to the pool: workers on, at or above the threshold. */
  offloads(size: number): boolean {
    return this.#workers > 0 && size >= this.#threshold;
  }

  /**
   * Runs a named export of the worker file on the pool (a large body's parse and re-serialisation),
   * with `transfer`'s memory moved there rather than copied. A worker that fails rejects with
   * GW_ERR_SCAN_FAILED, as a scan does: the caller fails closed.
   */
  async runTask<T, R>(name: string, task: T, transfer?: ArrayBuffer[]): Promise<R> {
    try {
      return (await this.#poolOf().run(task as unknown as ScanTask, { name, transferList: transfer })) as unknown as R;
    } catch (err) {
      throw new GatewayError('GW_ERR_SCAN_FAILED', undefined, { cause: err });
    }
  }

  #poolOf(): Piscina<ScanTask, ScanResult> {
    if (this.#pool) return this.#pool;
    const pool = new Piscina<ScanTask, ScanResult>({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: this.#workers,
      idleTimeout: 60_000,
      execArgv: WORKER_EXEC_ARGV,
    });
    // Without a listener, a worker error outside a task (one that cannot even load) is an
    // 'error' event nobody handles, and the whole gateway exits. Tasks in flight reject on their
    // own (GW_ERR_SCAN_FAILED: fail closed); the broken pool is dropped and rebuilt on next use.
    pool.on('error', (err: unknown) => {
      this.#onPoolError(err);
      if (this.#pool === pool) this.#pool = undefined;
      void pool.destroy().catch(() => undefined);
    });
    this.#pool = pool;
    return pool;
  }

  async close(): Promise<void> {
    clearTimeout(this.#arenaTimer);
    this.#arenaTimer = undefined;
    this.#arena.clear();
    await this.#pool?.destroy();
    this.#pool = undefined;
  }
}

/** A scan's findings, or the refusal when there were more than the request may ask placeholders for. */
function findingsOf(result: ScanResult, maxFindings: number): Finding[][] {
  if ('over' in result) throw new GatewayError('GW_ERR_SCAN_TOO_MANY_FINDINGS', `more than ${maxFindings} (limits.findings)`);
  return result.findings;
}

/** The detector options a configuration asks for; strings are scanned up to the request string limit. */
export function scanOptionsOf(config: GatewayConfig): ScanOptions {
  const { scan, limits } = config;
  // Both lists mean the same to the detectors; they are kept apart so the built-in one can be shown and edited as such.
  const allowlist = [...scan.allowlist, ...scan.vendorAllowlist];
  return {
    ip: scan.ip,
    disabled: scan.disabled,
    enabled: scan.enabled,
    namesAllowlist: scan.namesAllowlist,
    denyTerms: scan.denyTerms,
    allowlist,
    maxScanChars: limits.stringBytes,
  };
}

/** Compiling is the check: an unknown detector id or an unsafe deny-term regex is a config error. */
export function validateScanConfig(config: GatewayConfig): void {
  try {
    compileScanner(scanOptionsOf(config));
  } catch (err) {
    if (err instanceof ScanConfigError) throw new ConfigError(`invalid config field 'scan': ${err.message}`, 'scan');
    throw err;
  }
}

/** Throws ScanConfigError for an invalid configuration; validate with validateScanConfig first for a ConfigError. */
export function createScanEngine(config: GatewayConfig, compile?: (opts: ScanOptions) => Scanner, onPoolError?: (err: unknown) => void): ScanEngine {
  const { workers, workerThresholdChars } = config.scan;
  return new ScanEngine({ scan: scanOptionsOf(config), workerThresholdChars, workers: workers === 'auto' ? defaultWorkerCount() : workers, compile, onPoolError });
}
