/**
 * The admin stream's numbering and replay buffer. Ids only grow, also across restarts: numbering
 * starts at the boot time in microseconds, so an id from a previous run is always below this run's
 * first id and is recognised as "not held here". Only durable events (audit, config, keys, pending)
 * are kept for replay; live-only ones (metrics snapshots) take an id but no slot. The ring is bounded
 * by count and by bytes, so a few huge config events cannot hold megabytes each.
 */
export interface LoggedEvent {
  readonly id: number;
  readonly type: string;
  /** The complete SSE frame, serialised once for every connection. */
  readonly frame: string;
}

export type ReplayResult =
  | { kind: 'events'; events: LoggedEvent[] }
  | { kind: 'reset'; reason: 'gap' | 'unknown-id' };

export class EventLog {
  readonly #capacity: number;
  readonly #maxBytes: number;
  #bytes = 0;
  readonly #ring: (LoggedEvent | undefined)[];
  #start = 0;
  #size = 0;
  #lastId: number;
  /** Every id up to this one is unknown to the ring: dropped by it, or from before this run. */
  #floor: number;

  constructor(capacity: number, startId: number = Date.now() * 1000, maxBytes = Number.POSITIVE_INFINITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
    this.#maxBytes = maxBytes;
    this.#ring = new Array<LoggedEvent | undefined>(capacity);
    this.#lastId = startId;
    this.#floor = startId;
  }

  get lastId(): number {
    return this.#lastId;
  }

  get size(): number {
    return this.#size;
  }

  /** Numbers the event and, when `retain`, keeps it for replay (dropping the oldest when full). */
  append(type: string, data: unknown, retain: boolean): LoggedEvent {
    const id = ++this.#lastId;
    const event: LoggedEvent = { id, type, frame: `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n` };
    if (!retain) return event;
    if (this.#size === this.#capacity) this.#dropOldest();
    this.#ring[(this.#start + this.#size) % this.#capacity] = event;
    this.#size++;
    this.#bytes += event.frame.length;
    while (this.#bytes > this.#maxBytes && this.#size > 0) this.#dropOldest();
    return event;
  }

  /** Characters held (UTF-16 units; close enough to bytes for a budget). */
  get bytes(): number {
    return this.#bytes;
  }

  #dropOldest(): void {
    const oldest = this.#ring[this.#start]!;
    this.#ring[this.#start] = undefined;
    this.#floor = oldest.id;
    this.#bytes -= oldest.frame.length;
    this.#start = (this.#start + 1) % this.#capacity;
    this.#size--;
  }

  /** What a client that last saw `lastId` missed, oldest first, or a reset when that cannot be told. */
  since(lastId: number): ReplayResult {
    if (lastId > this.#lastId) return { kind: 'reset', reason: 'unknown-id' };
    if (lastId < this.#floor) return { kind: 'reset', reason: 'gap' };
    const events: LoggedEvent[] = [];
    for (let i = 0; i < this.#size; i++) {
      const e = this.#ring[(this.#start + i) % this.#capacity]!;
      if (e.id > lastId) events.push(e);
    }
    return { kind: 'events', events };
  }
}
