import type { ApiShape } from '../../shared/shape.js';
import { anthropicMessagesGate } from './anthropic-messages.js';
import type { SseTransform } from '../../stream/sse-event.js';
import type { Judge } from './judge.js';
import { openaiChatGate } from './openai-chat.js';
import { openaiResponsesGate } from './openai-responses.js';

export type GateShape = Exclude<ApiShape, 'passthrough'>;

const GATES: Record<GateShape, (judge: Judge) => SseTransform> = {
  'openai-chat': openaiChatGate,
  'openai-responses': openaiResponsesGate,
  'anthropic-messages': anthropicMessagesGate,
};

/**
 * The response-guard step of a stream: tool calls are withheld until complete, judged, then released or
 * replaced by a refusal; text and every other event flow through at once, untouched. Runs after
 * restoration, so the judge sees real values. `push` returns a promise only while the judge decides.
 * Hand-written: no library withholds and replays provider-shaped tool-call deltas.
 */
export function gateToolCalls(shape: GateShape, judge: Judge): SseTransform {
  return GATES[shape](judge);
}
