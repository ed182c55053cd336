import { isPending, pushEach, type Emitted, type SseEvent, type SseTransform } from './sse-event.js';

const then = (e: Emitted, next: (events: SseEvent[]) => Emitted): Emitted => (isPending(e) ? e.then(next) : next(e));

/** Runs transforms in order: what one emits feeds the next, on push and on end; waits where any waits. */
export function chainTransforms(...transforms: SseTransform[]): SseTransform {
  if (transforms.length === 1) return transforms[0]!;
  const from = (i: number, events: SseEvent[]): Emitted =>
    i === transforms.length ? events : then(events.length === 1 ? transforms[i]!.push(events[0]!) : pushEach(transforms[i]!, events), (out) => from(i + 1, out));
  const endFrom = (i: number, flushed: SseEvent[]): Emitted => {
    if (i === transforms.length) return flushed;
    const t = transforms[i]!;
    return then(pushEach(t, flushed), (pushed) => then(t.end(), (ended) => endFrom(i + 1, [...pushed, ...ended])));
  };
  return {
    push: (event) => from(0, [event]),
    end: () => endFrom(0, []),
  };
}
