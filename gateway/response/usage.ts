import type { ApiShape } from '../shared/shape.js';
import type { SseEvent, SyncSseTransform } from '../stream/sse-event.js';

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** Reads a provider `usage` object: OpenAI chat names its fields prompt/completion, the others input/output. */
function fromUsage(usage: unknown, into: TokenUsage): void {
  if (!isObject(usage)) return;
  const input = count(usage.prompt_tokens) ?? count(usage.input_tokens);
  const output = count(usage.completion_tokens) ?? count(usage.output_tokens);
  if (input !== undefined) into.inputTokens = input;
  if (output !== undefined) into.outputTokens = output;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The usage counters as JSON keys (an escaped `\"prompt_tokens\"` inside message text does not
 * match). Reading them with one regex pass costs a fraction of parsing the whole body.
 */
const USAGE_FIELD = /"(prompt_tokens|completion_tokens|input_tokens|output_tokens)"\s*:\s*(\d{1,15})/g;

const USAGE_KEY = '"usage"';
const USAGE_KEY_BYTES = Buffer.from(USAGE_KEY);

/**
 * Token usage of a whole JSON response, when the provider reported it. Cheap when it did not.
 * Runs once per proxied JSON response (issue 16): the key is searched as prepared bytes (a string
 * needle is converted on every call) and the regex is walked with exec (matchAll clones it).
 */
export function usageFromJson(body: Buffer | string, into: TokenUsage): void {
  // Only the tail from the last "usage" key is decoded: providers put usage at the end.
  const at = typeof body === 'string' ? body.lastIndexOf(USAGE_KEY) : body.lastIndexOf(USAGE_KEY_BYTES);
  if (at === -1) return;
  const tail = typeof body === 'string' ? body.slice(at) : body.toString('latin1', at);
  USAGE_FIELD.lastIndex = 0;
  for (let m = USAGE_FIELD.exec(tail); m !== null; m = USAGE_FIELD.exec(tail)) {
    const n = Number(m[2]);
    if (m[1] === 'prompt_tokens' || m[1] === 'input_tokens') into.inputTokens ??= n;
    else into.outputTokens ??= n;
  }
}

/**
 * Watches a stream for the events that carry usage (OpenAI's last chunk, Responses'
 * `response.completed`, Anthropic's `message_start` and `message_delta`) and passes every event on
 * unchanged. Only events that mention "usage" are parsed.
 */
export function usageTap(shape: ApiShape, into: TokenUsage): SyncSseTransform {
  return {
    push(event: SseEvent) {
      if (event.data.includes('"usage"')) {
        const doc = parse(event.data);
        if (isObject(doc)) {
          if (shape === 'openai-responses' && isObject(doc.response)) fromUsage(doc.response.usage, into);
          else if (shape === 'anthropic-messages' && isObject(doc.message)) fromUsage(doc.message.usage, into);
          else fromUsage(doc.usage, into);
        }
      }
      return [event];
    },
    end: () => [],
  };
}
