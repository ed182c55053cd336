import type { ApiShape } from '../../shared/shape.js';
import { anthropicMessagesHold } from './anthropic-messages.js';
import type { SseTransform } from '../../stream/sse-event.js';
import type { Judge } from './judge.js';
import { openaiChatHold } from './openai-chat.js';
import { openaiResponsesHold } from './openai-responses.js';

export type HoldShape = Exclude<ApiShape, 'passthrough'>;

const HOLDS: Record<HoldShape, (judge: Judge) => SseTransform> = {
  'openai-chat': openaiChatHold,
  'openai-responses': openaiResponsesHold,
  'anthropic-messages': anthropicMessagesHold,
};

/**
 * The response-guard step of a stream: tool calls are held until complete, judged, then released or
 * replaced by a refusal; text and every other event flow through at once, untouched. Runs after
 * restoration, so the judge sees real values. `push` returns a promise only while the judge decides.
 * Hand-written: no library holds and replays provider-shaped tool-call deltas.
 */
export function holdToolCallsTransform(shape: HoldShape, judge: Judge): SseTransform {
  return HOLDS[shape](judge);
}
