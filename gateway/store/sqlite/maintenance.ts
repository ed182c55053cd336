import type { Database } from 'better-sqlite3';
import type { PruneReport } from '../types.js';
import { restrictSidecars } from './connection.js';

export interface MaintenanceOptions {
  /** Checkpoint (TRUNCATE) once no write happened for this long. */
  idleCheckpointMs: number;
  /** How often retention runs; the first run comes shortly after open. */
  pruneIntervalMs: number;
  prune: () => Promise<PruneReport>;
  onError: (err: unknown) => void;
}

/**
 * Background upkeep on unref'd timers: a TRUNCATE checkpoint when writes go quiet, so the WAL does not
 * sit at its high-water mark, and retention pruning on an interval.
 */
export class Maintenance {
  readonly #db: Database;
  readonly #path: string;
  readonly #options: MaintenanceOptions;
  readonly #idle: NodeJS.Timeout;
  readonly #pruneTimer: NodeJS.Timeout;
  #firstPrune: NodeJS.Timeout | undefined;
  #dirty = false;
  #pruning: Promise<PruneReport> | undefined;
  checkpoints = 0;

  constructor(db: Database, path: string, options: MaintenanceOptions) {
    this.#db = db;
    this.#path = path;
    this.#options = options;
    this.#idle = setTimeout(() => this.#onIdle(), options.idleCheckpointMs).unref();
    const background = () => void this.runPrune().catch(options.onError);
    this.#pruneTimer = setInterval(background, options.pruneIntervalMs).unref();
    this.#firstPrune = setTimeout(background, Math.min(1000, options.pruneIntervalMs)).unref();
  }

  /** Called after every committed write; re-arms the idle timer without allocating a new one. */
  noteWrite(): void {
    this.#dirty = true;
    this.#idle.refresh();
  }

  checkpoint(): void {
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    restrictSidecars(this.#path);
    this.#dirty = false;
    this.checkpoints++;
  }

  /** Runs retention now, or joins the run in progress. */
  runPrune(): Promise<PruneReport> {
    this.#pruning ??= this.#options.prune().finally(() => {
      this.#pruning = undefined;
    });
    return this.#pruning;
  }

  /** Stops the timers and waits for a prune in progress. */
  async stop(): Promise<void> {
    clearTimeout(this.#idle);
    clearInterval(this.#pruneTimer);
    if (this.#firstPrune) clearTimeout(this.#firstPrune);
    this.#firstPrune = undefined;
    await this.#pruning?.catch(() => undefined);
  }

  #onIdle(): void {
    if (!this.#dirty) return;
    try {
      this.checkpoint();
    } catch (err) {
      this.#options.onError(err);
    }
  }
}
