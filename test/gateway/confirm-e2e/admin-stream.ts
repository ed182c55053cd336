// A client of `GET /admin/events` (the dashboard's one stream), opened before the events it waits for.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface AdminStream {
  /** Resolves with the first event received so far or later that matches; rejects after `timeoutMs`. */
  next(match: (e: EventSourceMessage) => boolean, timeoutMs?: number): Promise<EventSourceMessage>;
  close(): void;
}

/** Resolves once the stream's headers arrived, so every later event is seen. */
export async function openAdminStream(url: string, token: string): Promise<AdminStream> {
  const ac = new AbortController();
  const res = await fetch(`${url}/admin/events`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
  if (!res.ok || !res.body) throw new Error(`GET /admin/events answered ${res.status}`);
  const seen: EventSourceMessage[] = [];
  const wake = new Set<() => void>();
  const parser = createParser({
    onEvent: (e) => {
      seen.push(e);
      for (const w of wake) w();
    },
  });
  const body = res.body;
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // closed by us
    }
  })();
  return {
    next(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = seen.find(match);
          if (!found) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error('timed out waiting for the admin stream event'));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          wake.delete(check);
        };
        wake.add(check);
        check();
      });
    },
    close: () => ac.abort(),
  };
}
