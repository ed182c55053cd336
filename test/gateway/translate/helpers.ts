// Shared by the translation tests: run a translator over SSE text the way the gateway's sink does
// (bytes → eventsource-parser → transform → wire text), and read events back.
import { createParser } from 'eventsource-parser';
import { SseTranscoder } from '../../../gateway/stream/sse-transcoder.js';
import type { SseEvent, SseTransform } from '../../../gateway/stream/sse-event.js';

/** Upstream SSE text through a translator, as the sink relays it: the client-bound wire text. */
export function translateText(transform: SseTransform, upstream: string): string {
  const transcoder = new SseTranscoder(transform, 1 << 20);
  return transcoder.push(Buffer.from(upstream)) + transcoder.end();
}

/** Wire text → events, `data` parsed as JSON when it is JSON. */
export function readEvents(text: string): { event?: string; data: unknown }[] {
  const out: { event?: string; data: unknown }[] = [];
  const parser = createParser({
    onEvent: (e) => {
      let data: unknown = e.data;
      try {
        data = JSON.parse(e.data) as unknown;
      } catch {
        // `[DONE]` stays a string
      }
      out.push(e.event === undefined ? { data } : { event: e.event, data });
    },
  });
  parser.feed(text);
  return out;
}

export const frames = (events: SseEvent[]): string => events.map((e) => `${e.event === undefined ? '' : `event: ${e.event}\n`}data: ${e.data}\n\n`).join('');

/** Frames of upstream JSON payloads: Anthropic names each event by its type, OpenAI sends bare data lines. */
export type Payload = { type: string } & Record<string, unknown>;
export const anthropicFrames = (payloads: Payload[]): string => frames(payloads.map((p) => ({ event: p.type, data: JSON.stringify(p) })));
export const openaiFrames = (payloads: object[], done = true): string => frames([...payloads.map((p) => ({ data: JSON.stringify(p) })), ...(done ? [{ data: '[DONE]' }] : [])]);
