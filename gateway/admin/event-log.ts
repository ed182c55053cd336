/**
 * The admin stream's numbering and replay buffer. Ids only grow, also across restarts: numbering
 * starts at the boot time in microseconds, so an id from a previous run is always below this run's
 * first id and is recognised as "not held here". Only durable events (audit, config, keys, pending)
 * are kept for replay; live-only ones (metrics snapshots) take an id but no slot. The ring is bounded
 * by count and by bytes, so a few huge config events cannot hold megabytes each.
 *
 * With no dashboard connected nobody needs a frame now, so `record` keeps the payload and defers
 * serialising it (issue 16: a JSON.stringify per proxied request that usually nobody read). Deferred
 * events count against the ring's size at once; their bytes are settled, newest first, before anyone
 * can observe the ring (a replay, `size`, `bytes`, or the next framed append), which leaves exactly
 * the events that dropping the oldest after every append would have left: the longest run of newest
 * events within both budgets. Only the events a replay can still return are ever serialised.
 */
export interface LoggedEvent {
  readonly id: number;
  readonly type: string;
  /** The complete SSE frame, serialised once for every connection. */
  readonly frame: string;
}

/** A retained event whose frame is not built yet. Payloads are not mutated after they are emitted. */
interface Unframed {
  readonly id: number;
  readonly type: string;
  readonly data: unknown;
  readonly frame?: undefined;
}

const frameOf = (id: number, type: string, data: unknown) => `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

export type ReplayResult =
  | { kind: 'events'; events: LoggedEvent[] }
  | { kind: 'reset'; reason: 'gap' | 'unknown-id' };

export class EventLog {
  readonly #capacity: number;
  readonly #maxBytes: number;
  #bytes = 0;
  readonly #ring: (LoggedEvent | Unframed | undefined)[];
  #start = 0;
  #size = 0;
  /** How many of the newest ring entries are Unframed (their bytes not yet counted). */
  #unframed = 0;
  #lastId: number;
  /** Every id up to this one is unknown to the ring: dropped by it, or from before this run. */
  #floor: number;

  constructor(capacity: number, startId: number = Date.now() * 1000, maxBytes = Number.POSITIVE_INFINITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
    this.#maxBytes = maxBytes;
    this.#ring = new Array<LoggedEvent | Unframed | undefined>(capacity);
    this.#lastId = startId;
    this.#floor = startId;
  }

  get lastId(): number {
    return this.#lastId;
  }

  get size(): number {
    this.#settle();
    return this.#size;
  }

  /** Numbers the event and, when `retain`, keeps it for replay (dropping the oldest when full). */
  append(type: string, data: unknown, retain: boolean): LoggedEvent {
    const id = ++this.#lastId;
    const event: LoggedEvent = { id, type, frame: frameOf(id, type, data) };
    if (!retain) return event;
    this.#settle();
    if (this.#size === this.#capacity) this.#dropOldest();
    this.#ring[(this.#start + this.#size) % this.#capacity] = event;
    this.#size++;
    this.#bytes += event.frame.length;
    while (this.#bytes > this.#maxBytes && this.#size > 0) this.#dropOldest();
    return event;
  }

  /** Like `append` for an event nobody receives live: numbered now, serialised only if a replay needs it. */
  record(type: string, data: unknown, retain: boolean): void {
    const id = ++this.#lastId;
    if (!retain) return;
    if (this.#size === this.#capacity) this.#dropOldest();
    this.#ring[(this.#start + this.#size) % this.#capacity] = { id, type, data };
    this.#size++;
    this.#unframed++;
  }

  /** Characters held (UTF-16 units; close enough to bytes for a budget). */
  get bytes(): number {
    this.#settle();
    return this.#bytes;
  }

  #dropOldest(): void {
    const oldest = this.#ring[this.#start]!;
    this.#ring[this.#start] = undefined;
    this.#floor = oldest.id;
    if (oldest.frame === undefined) this.#unframed--;
    else this.#bytes -= oldest.frame.length;
    this.#start = (this.#start + 1) % this.#capacity;
    this.#size--;
  }

  /** Frames the deferred events and applies the byte budget, keeping the newest that fit. */
  #settle(): void {
    if (this.#unframed === 0) return;
    let bytes = 0;
    let keep = 0;
    for (; keep < this.#size; keep++) {
      const at = (this.#start + this.#size - 1 - keep) % this.#capacity;
      let slot = this.#ring[at]!;
      if (slot.frame === undefined) {
        slot = { id: slot.id, type: slot.type, frame: frameOf(slot.id, slot.type, slot.data) };
        this.#ring[at] = slot;
      }
      if (bytes + slot.frame.length > this.#maxBytes) break;
      bytes += slot.frame.length;
    }
    while (this.#size > keep) this.#dropOldest();
    this.#bytes = bytes;
    this.#unframed = 0;
  }

  /** What a client that last saw `lastId` missed, oldest first, or a reset when that cannot be told. */
  since(lastId: number): ReplayResult {
    this.#settle();
    if (lastId > this.#lastId) return { kind: 'reset', reason: 'unknown-id' };
    if (lastId < this.#floor) return { kind: 'reset', reason: 'gap' };
    const events: LoggedEvent[] = [];
    for (let i = 0; i < this.#size; i++) {
      const e = this.#ring[(this.#start + i) % this.#capacity] as LoggedEvent;
      if (e.id > lastId) events.push(e);
    }
    return { kind: 'events', events };
  }
}
