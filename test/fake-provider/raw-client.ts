// A bare node:http client for tests that must see the wire as sent: status, headers, compressed
// bytes and how the body arrived in pieces. SDKs hide all of that.
import { request } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** the body as it was read off the socket, one entry per read */
  chunks: Buffer[];
}

export function rawRequest(url: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const payload = init.body === undefined ? undefined : Buffer.from(JSON.stringify(init.body));
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: init.method ?? (payload ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', ...init.headers },
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), chunks }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export function sseEvents(text: string): EventSourceMessage[] {
  const out: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => out.push(e) });
  parser.feed(text);
  return out;
}
