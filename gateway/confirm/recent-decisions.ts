import type { PendingRecord } from '../store/pending-record.js';
import type { HeldItem } from './held-item.js';
import type { HeldFinding, Outcome } from './types.js';

/**
 * A decided item as identical retries see it. It keeps the record and the finding labels, never the
 * request's closures: those hold the request's text, which must not outlive the exchange.
 */
export interface Decided {
  readonly record: PendingRecord;
  readonly req: { readonly findings: readonly HeldFinding[] };
  readonly reveals: readonly { by: string; at: number }[];
  retries: number;
  readonly outcome: Outcome;
  /** Until when (epoch ms) a retry gets this decision. */
  readonly until: number;
}

/** Outcomes a retry may reuse: the user's (or the timeout's) decision, not a disconnect or shutdown. */
const REUSABLE = new Set<Outcome['kind']>(['approved_redacted', 'approved_original', 'denied', 'timed_out']);
/** Decided entries kept at most; held ones are bounded by `confirm.maxPending`. */
const MAX_DECIDED = 10_000;

/**
 * The held and recently decided items by retry key (client and payload hash), so that one denial
 * answers the five identical retries Codex makes of a refused request, instead of asking five times.
 */
export class RecentDecisions {
  readonly #byKey = new Map<string, HeldItem | Decided>();
  #decided = 0;

  get(key: string, now: number): HeldItem | Decided | undefined {
    const found = this.#byKey.get(key);
    if (found !== undefined && 'until' in found && now >= found.until) {
      this.#delete(key);
      return undefined;
    }
    return found;
  }

  /** A new item is held: identical retries from now on join it. */
  held(key: string, item: HeldItem): void {
    this.#delete(key);
    this.#byKey.set(key, item);
  }

  /** The item settled: its decision answers identical retries until `until`, when it is one to reuse. */
  settled(key: string, item: HeldItem, outcome: Outcome, until: number): void {
    if (this.#byKey.get(key) !== item) return;
    this.#byKey.delete(key);
    if (!REUSABLE.has(outcome.kind) || until <= item.record.decidedAt!) return;
    const { record, retries } = item;
    this.#byKey.set(key, { record, req: { findings: item.req.findings }, reveals: [...item.reveals], retries, outcome, until });
    if (++this.#decided > MAX_DECIDED) this.#evictOldestDecided();
  }

  #delete(key: string): void {
    const found = this.#byKey.get(key);
    if (found !== undefined && 'until' in found) this.#decided--;
    this.#byKey.delete(key);
  }

  #evictOldestDecided(): void {
    for (const [key, entry] of this.#byKey) {
      if ('until' in entry) return this.#delete(key);
    }
  }
}
