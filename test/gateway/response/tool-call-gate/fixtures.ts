import fc from 'fast-check';
import type { GatedCall, Judge, Judgement } from '../../../../gateway/response/tool-call-gate/judge.js';
import type { SseEvent, SseTransform } from '../../../../gateway/stream/sse-event.js';

export { ndjson, splitArb } from '../restore/stream-fixtures.js';

/** How the judge answers one call: release or refuse, at once or after a turn of the event loop. */
export interface Decision {
  release: boolean;
  async: boolean;
}

export const decisionArb: fc.Arbitrary<Decision> = fc.record({ release: fc.boolean(), async: fc.boolean() });

/** Refusal text with characters that need escaping, unique per call. */
export const refusalFor = (call: GatedCall): string => `Refused "${call.name}" #${call.index}\n\\ not released`;

/** Tool arguments as JSON text: any object, with odd keys and nested values. */
export const argsTextArb: fc.Arbitrary<string> = fc
  .dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((o) => JSON.stringify(o));

/**
 * Drives a tool-call gate the way the sink will: one push at a time, awaiting a returned promise
 * before the next. Records what the client has received when the judge is asked about each call.
 */
export class Harness {
  readonly out: SseEvent[] = [];
  readonly asked: { call: GatedCall; outSoFar: number; pushed: number }[] = [];
  /** Every push and end returned an array (no promise). */
  allSync = true;
  #pushed = 0;

  constructor(readonly decisions: readonly Decision[]) {}

  decisionFor(index: number): Decision {
    return this.decisions[index] ?? { release: true, async: false };
  }

  readonly judge: Judge = (call) => {
    this.asked.push({ call, outSoFar: this.out.length, pushed: this.#pushed });
    const d = this.decisionFor(call.index);
    const j: Judgement = d.release ? { release: true } : { release: false, refusal: refusalFor(call) };
    return d.async ? new Promise((resolve) => setImmediate(() => resolve(j))) : j;
  };

  async run(t: SseTransform, events: readonly SseEvent[]): Promise<SseEvent[]> {
    for (const e of events) {
      const r = t.push(e);
      if (!Array.isArray(r)) this.allSync = false;
      this.out.push(...(await r));
      this.#pushed++;
    }
    const r = t.end();
    if (!Array.isArray(r)) this.allSync = false;
    this.out.push(...(await r));
    return this.out;
  }

  /** For every judge call: each of `flowing` pushed before it had already reached the client. */
  flowedBeforeJudging(input: readonly SseEvent[], flowing: (e: SseEvent) => boolean): boolean {
    return this.asked.every(({ outSoFar, pushed }) => {
      const seen = new Set(this.out.slice(0, outSoFar));
      return input.slice(0, pushed).every((e) => !flowing(e) || seen.has(e));
    });
  }
}
