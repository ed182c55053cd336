import type { SseEvent, SseTransform } from './sse-event.js';

/** Runs transforms in order: what one emits feeds the next, on push and on end. */
export function chainTransforms(...transforms: SseTransform[]): SseTransform {
  if (transforms.length === 1) return transforms[0]!;
  return {
    push(event) {
      let current: SseEvent[] = [event];
      for (const t of transforms) current = current.length === 1 ? t.push(current[0]!) : current.flatMap((e) => t.push(e));
      return current;
    },
    end() {
      let out: SseEvent[] = [];
      for (const t of transforms) out = [...out.flatMap((e) => t.push(e)), ...t.end()];
      return out;
    },
  };
}
