const LF = 0x0a;
const CR = 0x0d;
const isEol = (b: number | undefined) => b === LF || b === CR;

/**
 * Where the last complete SSE event in `chunk` ends (just past its blank line), or -1 when no event
 * ends in it. `before` holds the bytes that preceded the chunk (at least the last two), so a blank
 * line split across reads is found. A blank line is a line ending that directly follows another
 * (`\n\n`, `\r\r`, `\r\n\r\n`, …), where `\r\n` counts as one ending.
 */
export function lastEventEnd(before: Buffer, chunk: Buffer): number {
  const at = (i: number) => (i >= 0 ? chunk[i] : before[before.length + i]);
  for (let i = chunk.length - 1; i >= 0; i--) {
    const b = chunk[i];
    if (!isEol(b)) continue;
    const p = at(i - 1);
    if (b === LF && p === CR) {
      // `\r\n` is one ending: blank only when another ending precedes the pair.
      if (isEol(at(i - 2))) return i + 1;
    } else if (isEol(p)) {
      return i + 1;
    }
  }
  return -1;
}

/**
 * Relays upstream bytes untouched but only up to the end of the last complete event, holding back
 * the partial one, so a stream cut mid-event ends on an event boundary and the gateway's terminal
 * error event starts on a fresh line (never glued onto half a `data:` line). The held-back part is
 * bounded by the event-size cap, which the parser enforces on the same bytes.
 */
export class EventAlignedRelay {
  #held: Buffer[] = [];
  #last: Buffer = Buffer.alloc(0);

  /** The bytes that may go out now (possibly empty). */
  push(chunk: Buffer): Buffer | undefined {
    if (chunk.length === 0) return undefined;
    const end = lastEventEnd(this.#last, chunk);
    this.#last = chunk.length >= 2 ? chunk.subarray(chunk.length - 2) : Buffer.concat([this.#last, chunk]).subarray(-2);
    if (end === -1) {
      this.#held.push(chunk);
      return undefined;
    }
    const ready = this.#held.length === 0 ? chunk.subarray(0, end) : Buffer.concat([...this.#held, chunk.subarray(0, end)]);
    this.#held = end === chunk.length ? [] : [chunk.subarray(end)];
    return ready;
  }

  /** What is held back, for a stream that ended normally (its last event may lack the blank line). */
  flush(): Buffer | undefined {
    if (this.#held.length === 0) return undefined;
    const rest = Buffer.concat(this.#held);
    this.#held = [];
    return rest;
  }
}
