import type { SseEvent } from './sse-event.js';

/** Writes one event in wire form. Multi-line data becomes several `data:` lines, as the spec requires. */
export function serializeSse(e: SseEvent): string {
  let s = e.event !== undefined ? `event: ${e.event}\n` : '';
  if (e.id !== undefined) s += `id: ${e.id}\n`;
  if (e.retry !== undefined) s += `retry: ${e.retry}\n`;
  const data = e.data;
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) return `${s}data: ${data}\n\n`;
  for (const line of data.split(/\r\n|\r|\n/)) s += `data: ${line}\n`;
  return `${s}\n`;
}
