import type { Bus } from '../shared/bus.js';
import type { PendingRecord } from '../store/pending-record.js';
import type { PendingRepo } from '../store/types.js';
import type { ConfirmPeers } from './confirmations.js';
import { checkRemember, decisionOutcome, STATUS_FOR, storedRemember } from './held-item.js';
import type { ConfirmDecision, ConfirmEvents, DecideOptions, PendingView } from './types.js';

/** A record as a view when only the store knows it: its findings and retries live with its holder. */
export function viewOfRecord(record: PendingRecord, now: number, known?: PendingView): PendingView {
  const remainingMs = record.status === 'pending' ? Math.max(0, record.expiresAt - now) : 0;
  return { ...record, remainingMs, findings: known?.findings ?? [], reveals: record.reveals ?? [], retries: known?.retries ?? 0 };
}

const SETTLED = ['pending.decided', 'pending.expired', 'pending.abandoned', 'pending.cancelled'] as const;

/**
 * Items held by other instances of a scaled-out gateway: learnt from the shared store at start and
 * kept current by the fanned-out pending events. A decision is written to the shared store (the
 * conditional update makes the first decision anywhere the only one) and announced; the holder hears
 * it and releases its exchange.
 */
export class StorePeers implements ConfirmPeers {
  readonly #repo: PendingRepo;
  readonly #bus: Bus<ConfirmEvents>;
  readonly #now: () => number;
  readonly #items = new Map<string, PendingView>();
  readonly #offs: (() => void)[];

  constructor(repo: PendingRepo, bus: Bus<ConfirmEvents>, now: () => number = Date.now) {
    this.#repo = repo;
    this.#bus = bus;
    this.#now = now;
    this.#offs = [
      bus.on('pending.added', ({ pending }) => void this.#items.set(pending.id, pending)),
      bus.on('pending.touched', ({ pending }) => {
        if (this.#items.has(pending.id)) this.#items.set(pending.id, pending);
      }),
      ...SETTLED.map((event) => bus.on(event, ({ pending }) => void this.#items.delete(pending.id))),
    ];
  }

  /** Loads what is pending now, so an instance started after an item was held lists it too. */
  async load(): Promise<void> {
    const now = this.#now();
    for (const record of await this.#repo.listPending()) this.#items.set(record.id, viewOfRecord(record, now, this.#items.get(record.id)));
  }

  list(): PendingView[] {
    const now = this.#now();
    return [...this.#items.values()].map((v) => ({ ...v, remainingMs: Math.max(0, v.expiresAt - now) }));
  }

  get(id: string): PendingView | undefined {
    return this.#items.get(id);
  }

  async decide(id: string, decision: ConfirmDecision, opts: DecideOptions): Promise<PendingView | undefined> {
    const current = await this.#repo.get(id);
    if (!current || current.status !== 'pending') return undefined;
    if (opts.payloadHash !== undefined && opts.payloadHash !== current.payloadHash) return undefined;
    if (opts.remember) checkRemember(opts.remember, this.#now());
    const remember = opts.remember && storedRemember(opts.remember.scope, opts.remember.lifetime);
    const saved = await this.#repo.decide(id, {
      status: STATUS_FOR[decision], decidedBy: opts.by ?? 'admin', decidedAt: this.#now(), ...(remember && { remember }),
    });
    if (!saved) return undefined;
    const view = viewOfRecord(saved, this.#now(), this.#items.get(id));
    this.#items.delete(id);
    this.#bus.emit('pending.decided', { pending: view, outcome: decisionOutcome(decision, id) });
    return view;
  }

  close(): void {
    for (const off of this.#offs) off();
  }
}
