import { GatewayError } from '../errors.js';
import type { PendingOutcome, PendingRecord } from '../store/pending-record.js';
import type { Store } from '../store/types.js';
import { checkRemember, decisionOutcome, outcomeOfRecord, rememberedDecision, retryKeyOf, STATUS_FOR, storedRemember, viewOf, type HeldItem } from './held-item.js';
import { FREEZE_LEASE_MS, MAX_DELAY, newPendingId, PREVIEW_STORE_MAX, realSchedule, silent, type ConfirmationsDeps, type ConfirmLog, type ConfirmPeers, type Schedule } from './manager-deps.js';
import { RecentDecisions } from './recent-decisions.js';
import type { ConfirmDecision, DecideOptions, HoldRequest, Outcome, PendingView } from './types.js';

export { FREEZE_LEASE_MS, type ConfirmationsDeps, type ConfirmLog, type ConfirmPeers, type Schedule } from './manager-deps.js';

/**
 * Held confirmations. A held exchange costs one pending promise, one timer and one abort listener:
 * no thread, no polling. Every outcome is written to the store before the hold resolves, and each item
 * settles exactly once, whichever of decision, timeout, disconnect or shutdown comes first.
 */
export class Confirmations {
  readonly #store: Pick<Store, 'pending'>;
  readonly #bus: ConfirmationsDeps['bus'];
  readonly #settings: ConfirmationsDeps['settings'];
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #schedule: Schedule;
  readonly #log: ConfirmLog;
  /** Insertion order is creation order, so listing needs no sort. */
  readonly #items = new Map<string, HeldItem>();
  /** Held and recently decided items by retry key, so identical retries get one decision. */
  readonly #recent = new RecentDecisions();
  #closed = false;
  #peers: ConfirmPeers | undefined;

  constructor(deps: ConfirmationsDeps) {
    this.#store = deps.store;
    this.#bus = deps.bus;
    this.#settings = deps.settings;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? newPendingId;
    this.#schedule = deps.schedule ?? realSchedule;
    this.#log = deps.log ?? silent;
  }

  /**
   * Holds an exchange until the user decides, the timeout's default applies, the client goes away or
   * the gateway shuts down. Rejects with 429 GW_ERR_CONFIRM_QUEUE_FULL when `maxPending` are held,
   * with GW_ERR_SHUTTING_DOWN after `cancelAll`, and with 503 GW_ERR_STORE_UNAVAILABLE if the record cannot be
   * made durable (the caller then refuses the exchange: nothing is forwarded on a failed hold).
   */
  async hold(req: HoldRequest, clientGone: AbortSignal): Promise<Outcome> {
    if (this.#closed) throw new GatewayError('GW_ERR_SHUTTING_DOWN');
    // A window of 0 turns retry handling off: every request, identical or not, is asked about.
    const retryKey = this.#settings().retryWindowMs > 0 ? retryKeyOf(req) : undefined;
    const repeat = retryKey === undefined ? undefined : this.#repeat(retryKey, req, clientGone);
    if (repeat !== undefined) return repeat;
    const { timeoutMs, maxPending } = this.#settings();
    if (this.#items.size >= maxPending) {
      throw new GatewayError('GW_ERR_CONFIRM_QUEUE_FULL', `${maxPending} are already waiting`, { retryAfter: this.#retryAfter() });
    }
    const now = this.#now();
    const id = this.#newId();
    let resolve!: (o: Outcome) => void;
    const done = new Promise<Outcome>((r) => (resolve = r));
    const item: HeldItem = {
      record: {
        id, createdAt: now, expiresAt: now + timeoutMs, status: 'pending', stage: req.stage,
        trigger: { ...req.trigger }, preview: req.preview.slice(0, PREVIEW_STORE_MAX),
        clientApp: req.client.app, clientKeyId: req.client.keyId, provider: req.provider, model: req.model,
        route: req.route, payloadHash: req.payloadHash,
      },
      req, waiting: 0, retries: 0, retryKey, state: 'creating', cancelTimer: undefined, reveals: [], resolve, done,
    };
    if (item.record.clientKeyId === undefined) delete item.record.clientKeyId;
    if (item.record.model === undefined) delete item.record.model;
    if (item.record.trigger.ruleId === undefined) delete item.record.trigger.ruleId;
    // Reserved before the first await, so concurrent holds cannot overshoot maxPending.
    this.#items.set(id, item);
    try {
      await this.#store.pending.create(item.record);
    } catch (err) {
      this.#items.delete(id);
      // Disk full, read-only or failing store: a held request is refused as unavailable, not as a bug.
      throw new GatewayError('GW_ERR_STORE_UNAVAILABLE', 'the confirmation could not be recorded', { cause: err });
    }
    const mine = this.#wait(item, clientGone);
    if (retryKey !== undefined) this.#recent.held(retryKey, item);
    req.onHeld?.(id);
    this.#bus.emit('pending.added', { pending: viewOf(item, this.#now()) });
    this.#resume(item);
    // A client already gone waits for nothing: the item settles as abandoned, durably, first.
    return clientGone.aborted ? done : mine;
  }

  /**
   * An identical retry of an item that is still held joins it (one question, one decision for all
   * its waiters); of one decided within the retry window, it gets that decision at once. Either way
   * the item counts it, and the dashboard hears of it.
   */
  #repeat(key: string, req: HoldRequest, clientGone: AbortSignal): Promise<Outcome> | undefined {
    const now = this.#now();
    const found = this.#recent.get(key, now);
    if (found === undefined) return undefined;
    if ('state' in found) {
      if (found.state !== 'held' && found.state !== 'settling') return undefined;
      found.retries++;
      req.onHeld?.(found.record.id);
      this.#bus.emit('pending.retried', { pending: viewOf(found, now) });
      this.#log.info({ pendingId: found.record.id, retries: found.retries }, 'identical retry joined a held confirmation');
      return this.#wait(found, clientGone);
    }
    found.retries++;
    this.#bus.emit('pending.retried', { pending: viewOf(found, now) });
    this.#log.info({ pendingId: found.record.id, retries: found.retries }, 'identical retry answered with the earlier decision');
    return Promise.resolve({ ...found.outcome, repeat: true });
  }

  /**
   * One waiter's view of an item: its decision, or `abandoned` as soon as this waiter's client leaves
   * while others still wait. The last waiter to leave abandons the item itself (durably, then resolves).
   */
  #wait(item: HeldItem, clientGone: AbortSignal): Promise<Outcome> {
    const pendingId = item.record.id;
    if (clientGone.aborted) return Promise.resolve({ kind: 'abandoned', pendingId });
    item.waiting++;
    return new Promise<Outcome>((resolve) => {
      const onAbort = () => {
        item.waiting--;
        if (item.waiting > 0) return resolve({ kind: 'abandoned', pendingId });
        if (item.state === 'held') void this.#settle(item, { kind: 'abandoned', pendingId }, 'client:disconnected');
      };
      clientGone.addEventListener('abort', onAbort, { once: true });
      void item.done.then((outcome) => {
        clientGone.removeEventListener('abort', onAbort);
        resolve(outcome);
      });
    });
  }

  /**
   * Applies a user's decision. Undefined when the id is unknown, already decided (each item is decided
   * once) or `payloadHash` differs from the one the item was shown with. The decision is durable before
   * the hold resolves; if writing it fails, this rejects and the item stays pending. `remember` is
   * handed to the hold's `remember` once, afterwards; its failure is reported, the decision stands.
   */
  async decide(id: string, decision: ConfirmDecision, opts: DecideOptions = {}): Promise<PendingView | undefined> {
    const item = this.#items.get(id);
    if (!item && this.#peers && Object.hasOwn(STATUS_FOR, decision)) return this.#peers.decide(id, decision, opts);
    if (!item || item.state !== 'held' || !Object.hasOwn(STATUS_FOR, decision)) return undefined;
    if (opts.payloadHash !== undefined && opts.payloadHash !== item.record.payloadHash) {
      this.#log.warn({ pendingId: id }, 'confirmation decision refused: it was made for a different payload');
      return undefined;
    }
    const now = this.#now();
    if (opts.remember) checkRemember(opts.remember, now);
    const by = opts.by ?? 'admin';
    this.#suspend(item);
    const remember = opts.remember && storedRemember(opts.remember.scope, opts.remember.lifetime);
    let saved;
    try {
      saved = await this.#store.pending.decide(id, { status: STATUS_FOR[decision], decidedBy: by, decidedAt: now, ...(remember && { remember }) });
    } catch (err) {
      item.state = 'held';
      this.#resume(item);
      throw err;
    }
    if (!saved) {
      // Someone else settled the durable record; never forward on a decision we could not record.
      item.record = { ...item.record, status: 'cancelled', decidedBy: 'system:conflict', decidedAt: now };
      this.#finish(item, { kind: 'cancelled', pendingId: id });
      return undefined;
    }
    item.record = saved;
    this.#finish(item, decisionOutcome(decision, id));
    const view = viewOf(item, this.#now());
    if (opts.remember) {
      try {
        view.rememberedRuleIds = [...(await item.req.remember(decision, opts.remember.scope, opts.remember.lifetime))];
      } catch (err) {
        this.#log.error({ err, pendingId: id }, 'the decision stands, but remembering it as a rule failed');
        view.rememberFailed = true;
      }
    }
    return view;
  }

  /** The user is looking at the item: its deadline moves to a full timeout from now (never earlier). */
  async touch(id: string, by = 'admin'): Promise<PendingView | undefined> {
    const item = this.#held(id);
    return item && this.#moved(item, Math.max(item.record.expiresAt, this.#now() + this.#settings().timeoutMs), by, 'touched');
  }

  /**
   * Someone is looking at the item: its clock stops where it stands for `FREEZE_LEASE_MS`, renewed by
   * each call, and runs on from there when released or when the lease lapses (a closed tab).
   */
  async freeze(id: string, by = 'admin'): Promise<PendingView | undefined> {
    const item = this.#held(id);
    if (!item) return undefined;
    const now = this.#now();
    const remainingMs = item.frozen?.remainingMs ?? Math.max(0, item.record.expiresAt - now);
    item.frozen = { remainingMs, until: now + FREEZE_LEASE_MS };
    return this.#moved(item, item.frozen.until + remainingMs, by, 'frozen');
  }

  /** The user looked away: the clock runs on from where it stood. */
  async release(id: string, by = 'admin'): Promise<PendingView | undefined> {
    const item = this.#held(id);
    if (!item) return undefined;
    if (!item.frozen) return viewOf(item, this.#now());
    const expiresAt = this.#now() + item.frozen.remainingMs;
    delete item.frozen;
    return this.#moved(item, expiresAt, by, 'released');
  }

  /** "+1 min": more time to decide, frozen or not. */
  async extend(id: string, ms: number, by = 'admin'): Promise<PendingView | undefined> {
    const item = this.#held(id);
    if (!item) return undefined;
    if (item.frozen) {
      item.frozen.remainingMs += ms;
      return this.#moved(item, item.frozen.until + item.frozen.remainingMs, by, 'extended');
    }
    return this.#moved(item, Math.max(item.record.expiresAt, this.#now()) + ms, by, 'extended');
  }

  /** The item `id` if this instance holds it and it still takes decisions, touches and reveals. */
  #held(id: string): HeldItem | undefined {
    const item = this.#items.get(id);
    return item?.state === 'held' ? item : undefined;
  }

  /** A new deadline: re-armed, stored for listings, announced as a touch. */
  async #moved(item: HeldItem, expiresAt: number, by: string, what: string): Promise<PendingView> {
    item.record = { ...item.record, expiresAt };
    this.#arm(item);
    try {
      await this.#store.pending.extend(item.record.id, expiresAt);
    } catch (err) {
      this.#log.warn({ err, pendingId: item.record.id }, 'could not store the moved confirmation deadline');
    }
    const pending = viewOf(item, this.#now());
    this.#bus.emit('pending.touched', { pending });
    this.#log.info({ pendingId: item.record.id, by, expiresAt }, `confirmation ${what}`);
    return pending;
  }

  /** The unmasked text of a pending item. Audited by who and when; the text itself is never logged. */
  async reveal(id: string, by = 'admin'): Promise<string | undefined> {
    const item = this.#held(id);
    if (!item) return undefined;
    const reveal = { by, at: this.#now() };
    // Durable before the text is handed out: a reveal that cannot be recorded does not happen.
    if (!(await this.#store.pending.recordReveal(id, reveal))) return undefined;
    const text = item.req.reveal();
    item.reveals.push(reveal);
    this.#log.info({ pendingId: id, by, chars: text.length }, 'confirmation revealed');
    this.#bus.emit('pending.revealed', { pending: viewOf(item, this.#now()), by });
    return text;
  }

  /** Items waiting for a decision, oldest first (with a shared store: every instance's). */
  list(): PendingView[] {
    const now = this.#now();
    const mine = [...this.#items.values()].filter(isListed).map((i) => viewOf(i, now));
    if (!this.#peers) return mine;
    const theirs = this.#peers.list().filter((v) => !this.#items.has(v.id));
    return [...mine, ...theirs].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  get(id: string): PendingView | undefined {
    const item = this.#items.get(id);
    if (item) return isListed(item) ? viewOf(item, this.#now()) : undefined;
    return this.#peers?.get(id);
  }

  /** Scale-out: lets items held by other instances be listed and decided here. */
  setPeers(peers: ConfirmPeers): void {
    this.#peers = peers;
  }

  /** Ids of the items this instance holds, whose leases it renews. */
  heldIds(): string[] {
    return [...this.#items.keys()];
  }

  /**
   * Another instance decided (or, its lease lapsed, abandoned) an item this one holds, and the store
   * has it: settle here as the store says. Timeouts stay with the holder, so none arrives this way.
   */
  settledElsewhere(record: PendingRecord): void {
    const item = this.#held(record.id);
    if (!item || record.status === 'pending') return;
    this.#suspend(item);
    item.record = record;
    const pendingId = record.id;
    this.#log.info({ pendingId, status: record.status, by: record.decidedBy }, 'confirmation settled by another instance');
    this.#finish(item, outcomeOfRecord(record));
    // Only the holder knows the findings' values, so "remember" chosen on another instance becomes
    // a rule here; the rule change then fans out to every instance like any other.
    const remembered = rememberedDecision(record);
    if (remembered) {
      item.req.remember(...remembered).catch((err: unknown) => {
        this.#log.error({ err, pendingId }, 'the decision stands, but remembering it as a rule failed');
      });
    }
  }

  get count(): number {
    let n = 0;
    for (const item of this.#items.values()) if (isListed(item)) n++;
    return n;
  }

  /**
   * Shutdown: every held item becomes 'cancelled' and its hold resolves so. Resolves once every item,
   * including ones mid-creation or mid-decision, has settled; later holds are refused.
   */
  async cancelAll(reason = 'shutdown'): Promise<void> {
    this.#closed = true;
    const items = [...this.#items.values()];
    for (const item of items) {
      if (item.state === 'held') void this.#settle(item, { kind: 'cancelled', pendingId: item.record.id }, `system:${reason}`);
    }
    await Promise.all(items.map((i) => i.done));
  }

  /** Arms the item, or settles it at once when the gateway closed or the client left meanwhile. */
  #resume(item: HeldItem): void {
    item.state = 'held';
    const pendingId = item.record.id;
    if (this.#closed) void this.#settle(item, { kind: 'cancelled', pendingId }, 'system:shutdown');
    else if (item.waiting === 0) void this.#settle(item, { kind: 'abandoned', pendingId }, 'client:disconnected');
    else this.#arm(item);
  }

  #arm(item: HeldItem): void {
    item.cancelTimer?.();
    const at = item.frozen ? item.frozen.until : item.record.expiresAt;
    const delay = Math.min(MAX_DELAY, Math.max(0, at - this.#now()));
    item.cancelTimer = this.#schedule(() => this.#onDeadline(item), delay);
  }

  #onDeadline(item: HeldItem): void {
    item.cancelTimer = undefined;
    if (item.state !== 'held') return;
    if (item.frozen) {
      // The lease lapsed without a renewal (the tab closed or lost its connection): run on.
      if (this.#now() < item.frozen.until) return this.#arm(item);
      void this.release(item.record.id, 'system:lease');
      return;
    }
    if (this.#now() < item.record.expiresAt) return this.#arm(item);
    // Read now, not at hold time: the default in force when the deadline passes is the one applied.
    const applied = this.#settings().onTimeout;
    void this.#settle(item, { kind: 'timed_out', pendingId: item.record.id, applied }, 'timeout');
  }

  #suspend(item: HeldItem): void {
    item.state = 'settling';
    item.cancelTimer?.();
    item.cancelTimer = undefined;
  }

  /**
   * Timeout, disconnect and shutdown outcomes never forward anything the user did not allow (deny,
   * redact, drop), so they apply even when the store cannot record them; the failure is logged.
   */
  async #settle(item: HeldItem, outcome: Exclude<Outcome, { kind: 'approved_redacted' | 'approved_original' | 'denied' }>, by: string): Promise<void> {
    this.#suspend(item);
    const status: PendingOutcome = outcome.kind;
    const decision = { status, decidedBy: by, decidedAt: this.#now() };
    try {
      item.record = (await this.#store.pending.decide(item.record.id, decision)) ?? { ...item.record, ...decision };
    } catch (err) {
      this.#log.error({ err, pendingId: item.record.id, status }, 'could not store a confirmation outcome; applying it anyway');
      item.record = { ...item.record, ...decision };
    }
    this.#finish(item, outcome);
  }

  #finish(item: HeldItem, outcome: Outcome): void {
    item.state = 'settled';
    this.#items.delete(item.record.id);
    if (item.retryKey !== undefined) this.#recent.settled(item.retryKey, item, outcome, this.#now() + this.#settings().retryWindowMs);
    if (item.record.decidedBy !== undefined) item.req.onSettled?.(item.record.decidedBy);
    item.resolve(outcome);
    const event = { pending: viewOf(item, this.#now()), outcome };
    if (outcome.kind === 'timed_out') this.#bus.emit('pending.expired', event);
    else if (outcome.kind === 'abandoned') this.#bus.emit('pending.abandoned', event);
    else if (outcome.kind === 'cancelled') this.#bus.emit('pending.cancelled', event);
    else this.#bus.emit('pending.decided', event);
  }

  /** Seconds until the soonest held item settles by timeout, at least 1. */
  #retryAfter(): number {
    let soonest = Infinity;
    for (const item of this.#items.values()) soonest = Math.min(soonest, item.record.expiresAt);
    return Math.max(1, Math.ceil((soonest - this.#now()) / 1000));
  }
}

const isListed = (item: HeldItem): boolean => item.state === 'held' || item.state === 'settling';
