import type { Lookup } from './restore-text.js';
import { TextRestorer } from './text-restorer.js';

export interface HeldTail<M> {
  key: string;
  text: string;
  /** What the owner needs to emit the tail later (the last delta event of that field). */
  meta: M;
}

/**
 * The text fields of one stream, each restored incrementally, keyed by the owner (`0:content`,
 * `text:msg_1:0`, …). Only fields currently holding a tail are kept, so `size === 0` means the stream
 * has nothing pending and events without tokens may pass through untouched.
 */
export class HeldTails<M> {
  readonly #lookup: Lookup;
  readonly #held = new Map<string, { restorer: TextRestorer; meta: M }>();

  constructor(lookup: Lookup) {
    this.#lookup = lookup;
  }

  get size(): number {
    return this.#held.size;
  }

  /** Restored text of `chunk` that is safe to emit now. */
  push(key: string, chunk: string, json: boolean, meta: M): string {
    const slot = this.#held.get(key);
    const restorer = slot?.restorer ?? new TextRestorer(this.#lookup, json);
    const out = restorer.push(chunk);
    if (restorer.holding) this.#held.set(key, { restorer, meta });
    else if (slot !== undefined) this.#held.delete(key);
    return out;
  }

  /** End one field: its held tail, if any. */
  take(key: string): HeldTail<M> | undefined {
    const slot = this.#held.get(key);
    if (slot === undefined) return undefined;
    this.#held.delete(key);
    return { key, text: slot.restorer.flush(), meta: slot.meta };
  }

  /** End every field whose key passes `filter` (all by default), in the order they began holding. */
  takeAll(filter: (key: string) => boolean = () => true): HeldTail<M>[] {
    const out: HeldTail<M>[] = [];
    for (const key of [...this.#held.keys()]) {
      if (filter(key)) out.push(this.take(key)!);
    }
    return out;
  }
}
