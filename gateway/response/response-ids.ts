import type { SseEvent, SyncSseTransform } from '../stream/sse-event.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown) => (isObject(v) && typeof v.id === 'string' ? v.id : undefined);

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Watches a Responses API reply for its response id and calls `found` once with it, as soon as it
 * shows: the top-level `id` of a JSON body, or the `response.id` of the first stream event that
 * carries the response object (`response.created`). Events are passed on unchanged; once the id
 * is found nothing more is parsed.
 */
export function responseIdWatch(found: (id: string) => void) {
  let seen = false;
  const note = (id: string | undefined) => {
    if (id === undefined || seen) return;
    seen = true;
    found(id);
  };
  return {
    json(body: Buffer | string): void {
      if (!seen) note(idOf(parse(typeof body === 'string' ? body : body.toString('utf8'))));
    },
    sse(): SyncSseTransform {
      return {
        push(event: SseEvent) {
          if (!seen && event.data.includes('"response"')) {
            const doc = parse(event.data);
            if (isObject(doc)) note(idOf(doc.response));
          }
          return [event];
        },
        end: () => [],
      };
    },
  };
}
