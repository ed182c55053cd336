import type { EventEmitter } from 'node:events';
import { Client, Dispatcher, errors } from 'undici';

/** One origin's pool statistics, in the shape of undici's PoolStats. */
export interface OriginPoolStats {
  connected: number;
  free: number;
  pending: number;
  queued: number;
  running: number;
  size: number;
}

interface Slot {
  readonly client: Client;
  /** On the idle stack: the client took its last request's end and has nothing to do. */
  idle: boolean;
  /** Failed to connect: out of the pool, its late 'drain' ignored. */
  dead: boolean;
}

interface Queued {
  opts: Dispatcher.DispatchOptions;
  handler: Dispatcher.DispatchHandler;
}

type Targets = readonly Dispatcher[];
type UndiciError = errors.UndiciError;

/** The controller a handler sees when it fails before any client took it (it has nothing to abort). */
const NO_REQUEST: Dispatcher.DispatchController = {
  aborted: true, paused: false, reason: null, abort: () => undefined, pause: () => undefined, resume: () => undefined,
};

/**
 * Connections to one origin, handing each request an idle one in O(1): undici's Pool scans all its
 * Clients for a free one, twice per dispatch, and with pipelining 1 at c=1000 that is ~1000 busy
 * Clients each time (2 % of the gateway's CPU). Here a Client that finishes goes on a stack of idle
 * ones; a request pops one, opens a new one below `connections`, or waits in a FIFO queue that the
 * next Client to finish serves. Built from undici's public pieces only (Dispatcher, Client and one
 * shared connector, which keeps the TLS session cache), for an Agent's `factory`.
 *
 * Like Pool: a dropped connection stays a Client that reconnects on its next request; one that
 * failed to connect leaves the pool; close() serves the queue first, destroy() fails it.
 */
export class OriginPool extends Dispatcher {
  readonly origin: string;
  readonly #url: URL;
  readonly #options: Client.Options;
  readonly #connections: number;
  readonly #slots = new Set<Slot>();
  /** Most recently freed on top: warm connections are reused first, the rest reach their keep-alive timeout. */
  readonly #idle: Slot[] = [];
  readonly #queue = new Fifo<Queued>();
  /** dispatch() returned false (no capacity): emit 'drain' once a client is free again. */
  #needDrain = false;
  #closed = false;
  #destroyed = false;
  #closing: Promise<void> | undefined;
  #destroying: Promise<void> | undefined;
  #queueEmptied: (() => void) | undefined;

  constructor(origin: string | URL, connections: number, options: Client.Options) {
    super();
    this.#url = new URL(String(origin));
    this.origin = this.#url.origin;
    this.#connections = connections;
    this.#options = options;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** What undici's PoolStats reports, counted when asked (a metrics scrape), not kept per request. */
  get stats(): OriginPoolStats {
    const out = { connected: 0, free: 0, pending: this.#queue.length, queued: this.#queue.length, running: 0, size: this.#queue.length };
    for (const slot of this.#slots) {
      const s = slot.client.stats;
      out.connected += Number(s.connected);
      out.free += Number(s.connected && slot.idle);
      out.pending += s.pending;
      out.running += s.running;
      out.size += s.size;
    }
    return out;
  }

  /** Returns false when the request had to queue, or the next one will: 'drain' follows. */
  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (this.#closed) {
      fail(handler, this.#destroyed ? new errors.ClientDestroyedError() : new errors.ClientClosedError());
      return false;
    }
    const slot = this.#queue.length === 0 ? this.#take() : undefined;
    if (slot === undefined) {
      this.#queue.push({ opts, handler });
      this.#needDrain = true;
      return false;
    }
    if (slot.client.dispatch(opts, handler)) this.#onFree(slot);
    if (this.#idle.length > 0 || this.#slots.size < this.#connections) return true;
    this.#needDrain = true;
    return false;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    this.#closing ??= this.#whenQueueEmpty()
      .then(() => Promise.all([...this.#slots].map((s) => (s.client.destroyed ? undefined : s.client.close()))))
      .then(() => {
        this.#destroyed = true;
      });
    return settle(this.#closing, callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(errOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> | void {
    const cb = typeof errOrCallback === 'function' ? errOrCallback : callback;
    const err = (typeof errOrCallback === 'function' ? null : errOrCallback) ?? new errors.ClientDestroyedError();
    this.#closed = true;
    this.#destroyed = true;
    if (this.#destroying === undefined) {
      for (let item = this.#queue.shift(); item !== undefined; item = this.#queue.shift()) fail(item.handler, err);
      this.#queueEmptied?.();
      this.#destroying = Promise.all([...this.#slots].map((s) => s.client.destroy(err))).then(() => undefined);
    }
    return settle(this.#destroying, cb);
  }

  /** An idle client, else a new one below the cap, else none (the request queues). */
  #take(): Slot | undefined {
    for (let slot = this.#idle.pop(); slot !== undefined; slot = this.#idle.pop()) {
      slot.idle = false;
      if (!slot.dead) return slot;
    }
    return this.#slots.size < this.#connections ? this.#add() : undefined;
  }

  #add(): Slot {
    const client = new Client(this.origin, this.#options);
    const slot: Slot = { client, idle: false, dead: false };
    client
      .on('drain', () => this.#onFree(slot))
      .on('connect', (origin: URL, targets: Targets) => this.emit('connect', origin, [this, ...targets]))
      .on('disconnect', (origin: URL, targets: Targets, err: UndiciError) => this.emit('disconnect', origin, [this, ...targets], err))
      .on('connectionError', (origin: URL, targets: Targets, err: UndiciError) => this.#onConnectionError(slot, origin, targets, err));
    this.#slots.add(slot);
    return slot;
  }

  /** A client can take a request: the queue's head if any, else it goes on the idle stack. */
  #onFree(slot: Slot): void {
    if (slot.dead || slot.idle) return;
    let busy = false;
    for (let item = this.#queue.shift(); item !== undefined; item = busy ? undefined : this.#queue.shift()) {
      busy = !slot.client.dispatch(item.opts, item.handler);
    }
    if (!busy && !this.#destroyed) {
      slot.idle = true;
      this.#idle.push(slot);
      if (this.#needDrain) {
        this.#needDrain = false;
        // undici types 'drain' with the origin alone, but Agent spreads the targets that Pool passes too.
        (this as EventEmitter).emit('drain', this.#url, [this, slot.client]);
      }
    }
    if (this.#queue.length === 0) this.#queueEmptied?.();
  }

  /**
   * The client's waiting requests have failed with the connect error; like Pool, it leaves (undici
   * #3895), and what is still queued gets new clients in its place.
   */
  #onConnectionError(slot: Slot, origin: URL, targets: Targets, err: UndiciError): void {
    slot.dead = true;
    this.#slots.delete(slot);
    if (!slot.client.destroyed) slot.client.close().catch(() => undefined);
    this.emit('connectionError', origin, [this, ...targets], err);
    for (let next = this.#queue.length > 0 ? this.#take() : undefined; next !== undefined; next = this.#queue.length > 0 ? this.#take() : undefined) {
      this.#onFree(next);
      if (next.idle) break;
    }
  }

  #whenQueueEmpty(): Promise<void> {
    if (this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#queueEmptied = () => {
        this.#queueEmptied = undefined;
        resolve();
      };
    });
  }
}

/** Fails a request no client took. Under an Agent the handler is undici's legacy shape (onError). */
function fail(handler: Dispatcher.DispatchHandler, err: Error): void {
  if (handler.onError) handler.onError(err);
  else handler.onResponseError?.(NO_REQUEST, err);
}

function settle(done: Promise<void>, callback: (() => void) | undefined): Promise<void> | void {
  if (callback === undefined) return done;
  done.then(callback, callback);
}

/** First in, first out, O(1) at both ends: a moving head over an array, compacted when half is spent. */
class Fifo<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head > this.#items.length / 2) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}
