// What translation adds to a stream and to a JSON answer, measured against the same pipeline without
// it in the same run: SSE bytes → transcoder → (translator) → wire text, and JSON parse → (translate)
// → stringify. Prints medians of RUNS runs and the ratio to the baseline.
// Usage: node --import tsx bench/translate.ts [events=4000] [runs=9]
import { SseTranscoder } from '../gateway/stream/sse-transcoder.js';
import { identityTransform, type SseTransform } from '../gateway/stream/sse-event.js';
import { translateResponse, translateStream } from '../gateway/translate/index.js';

const EVENTS = Number(process.argv[2] ?? 4000);
const RUNS = Number(process.argv[3] ?? 9);

const frame = (event: string | undefined, data: object | string) => `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** An OpenAI stream of EVENTS text deltas (with the usage chunk) and an Anthropic one of as many. */
function openaiStream(): Buffer {
  const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-x' };
  let s = frame(undefined, { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  for (let i = 0; i < EVENTS; i++) s += frame(undefined, { ...base, choices: [{ index: 0, delta: { content: `word ${i} ` }, finish_reason: null }] });
  s += frame(undefined, { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  s += frame(undefined, { ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: EVENTS } });
  return Buffer.from(s + frame(undefined, '[DONE]'));
}
function anthropicStream(): Buffer {
  let s = frame('message_start', { type: 'message_start', message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-x', content: [], usage: { input_tokens: 10, output_tokens: 1 } } });
  s += frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  for (let i = 0; i < EVENTS; i++) s += frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `word ${i} ` } });
  s += frame('content_block_stop', { type: 'content_block_stop', index: 0 });
  s += frame('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: EVENTS } });
  return Buffer.from(s + frame('message_stop', { type: 'message_stop' }));
}

/** Feeds the stream in 16 KiB reads, as sockets deliver it; returns µs per event. */
function streamRun(bytes: Buffer, transform: () => SseTransform): number {
  const t0 = performance.now();
  const transcoder = new SseTranscoder(transform(), 1 << 20);
  let out = 0;
  for (let i = 0; i < bytes.length; i += 16384) out += transcoder.push(bytes.subarray(i, i + 16384)).length;
  out += transcoder.end().length;
  if (out === 0) throw new Error('nothing written');
  return ((performance.now() - t0) * 1000) / EVENTS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function measure(name: string, base: () => number, translated: () => number, unit: string): void {
  base();
  translated(); // warm up both
  const b: number[] = [];
  const t: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    b.push(base());
    t.push(translated());
  }
  const [mb, mt] = [median(b), median(t)];
  console.log(`${name.padEnd(44)} baseline ${mb.toFixed(2)} ${unit}  translated ${mt.toFixed(2)} ${unit}  ratio ${(mt / mb).toFixed(2)}`);
}

const oa = openaiStream();
const an = anthropicStream();
measure('stream, OpenAI upstream → Anthropic client', () => streamRun(oa, identityTransform), () => streamRun(oa, () => translateStream('anthropic-messages', 'openai')), 'µs/event');
measure('stream, Anthropic upstream → OpenAI client', () => streamRun(an, identityTransform), () => streamRun(an, () => translateStream('openai-chat', 'anthropic', { includeUsage: true })), 'µs/event');

// A JSON answer of ~8 KB text and two tool calls, parsed and written once either way.
const chat = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'gpt-x',
  choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: 'lorem ipsum '.repeat(700), tool_calls: [1, 2].map((i) => ({ id: `call_${i}`, type: 'function', function: { name: 'Bash', arguments: JSON.stringify({ command: `ls /tmp/${i}` }) } })) } }],
  usage: { prompt_tokens: 100, completion_tokens: 2000, total_tokens: 2100 },
});
const N = 2000;
const jsonRun = (translate: boolean) => () => {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const doc = JSON.parse(chat) as unknown;
    JSON.stringify(translate ? translateResponse('anthropic-messages', 'openai', 200, doc) : doc);
  }
  return ((performance.now() - t0) * 1000) / N;
};
measure('JSON 8 KB, OpenAI upstream → Anthropic client', jsonRun(false), jsonRun(true), 'µs/body');
