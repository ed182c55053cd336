import type { JsonObject } from '../restore/fields.js';
import { withData } from '../restore/event-json.js';
import type { SseEvent } from '../../stream/sse-event.js';

/**
 * Keeps a Responses stream's `sequence_number`s strictly increasing for the client while events are
 * withheld, moved and replaced. Events keep their own number whenever it is still higher than the last
 * one sent, so a stream that is not reordered is never re-serialised; gaps are allowed.
 */
export class SequenceNumbers {
  /** The last number sent, or a bound above it (events passed through unparsed are not seen). */
  #lastOut: number | undefined;
  /** The highest upstream number parsed. */
  #maxIn: number | undefined;

  /** Upstream numbering alone keeps order: events may pass through without being parsed. */
  get inStep(): boolean {
    return this.#lastOut === undefined || this.#maxIn === undefined || this.#lastOut <= this.#maxIn;
  }

  /** An upstream event is parsed: events passed unparsed since the last parsed one numbered below it. */
  observe(e: JsonObject): void {
    const n = e.sequence_number;
    if (typeof n !== 'number') return;
    if (this.#maxIn === undefined || n > this.#maxIn + 1) this.#lastOut = Math.max(this.#lastOut ?? -Infinity, n - 1);
    this.#maxIn = Math.max(this.#maxIn ?? -Infinity, n);
  }

  /** `ev` as sent: renumbered (and re-serialised) only when its number no longer follows the last. */
  emit(ev: SseEvent, e: JsonObject, changed: boolean): SseEvent {
    const n = e.sequence_number;
    if (typeof n === 'number') {
      if (this.#lastOut !== undefined && n <= this.#lastOut) {
        e.sequence_number = this.#lastOut + 1;
        changed = true;
      }
      this.#lastOut = e.sequence_number as number;
    }
    return changed ? withData(ev, e) : ev;
  }

  /** The number for an event the gateway writes: `{}` when the stream carries none. */
  next(): { sequence_number?: number } {
    if (this.#lastOut === undefined) return {};
    return { sequence_number: ++this.#lastOut };
  }
}
