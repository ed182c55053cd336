/** One server-sent event, as parsed from upstream or as written to the client. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

/**
 * What a transform emits: synchronously in the common case, or a promise when it must wait (a tool
 * call held for the user's confirmation). While a promise is pending the caller feeds it nothing
 * more, so a transform sees events strictly in order.
 */
export type Emitted = SseEvent[] | Promise<SseEvent[]>;

/**
 * A stateful rewrite of one stream's events (restore, guard). `push` may hold events back and
 * release them later; `end` flushes whatever is held when the upstream stream finishes.
 */
export interface SseTransform {
  push(event: SseEvent): Emitted;
  end(): Emitted;
}

/** A transform that never waits (restoration, usage taps): callers may use its output directly. */
export interface SyncSseTransform extends SseTransform {
  push(event: SseEvent): SseEvent[];
  end(): SseEvent[];
}

export const identityTransform = (): SyncSseTransform => ({
  push: (event) => [event],
  end: () => [],
});

export const isPending = (e: Emitted): e is Promise<SseEvent[]> => e instanceof Promise;

/** Pushes `events[from…]` into `t` one at a time, waiting whenever it asks to; `acc` collects the output. */
export function pushEach(t: SseTransform, events: readonly SseEvent[], from = 0, acc: SseEvent[] = []): Emitted {
  for (let k = from; k < events.length; k++) {
    const r = t.push(events[k]!);
    if (isPending(r)) {
      return r.then((out) => {
        for (const e of out) acc.push(e);
        return pushEach(t, events, k + 1, acc);
      });
    }
    for (const e of r) acc.push(e);
  }
  return acc;
}
