// OpenAI Chat Completions: `chat.completion` JSON and `chat.completion.chunk` SSE ending in [DONE].
import { ids, nowSeconds } from '../ids.js';
import { tokens } from '../request-view.js';
import { DONE_FRAME, dataFrame } from '../sse.js';
import type { ReplyInput } from './reply.js';

function usage(r: ReplyInput, outputChars: number): object {
  const completion = tokens(outputChars);
  return {
    prompt_tokens: r.inputTokens,
    completion_tokens: completion,
    total_tokens: r.inputTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function chatJson(r: ReplyInput, content: string): object {
  const message = r.toolName === undefined
    ? { role: 'assistant', content, refusal: null, annotations: [] }
    : {
        role: 'assistant',
        content: null,
        refusal: null,
        annotations: [],
        tool_calls: [{ id: ids.call(), type: 'function', function: { name: r.toolName, arguments: content } }],
      };
  return {
    id: ids.chat(),
    object: 'chat.completion',
    created: nowSeconds(),
    model: r.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: r.toolName === undefined ? 'stop' : 'tool_calls' }],
    usage: usage(r, content.length),
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

export function* chatStream(r: ReplyInput, pieces: Iterable<string>): Generator<string> {
  const base = { id: ids.chat(), object: 'chat.completion.chunk', created: nowSeconds(), model: r.model, service_tier: 'default', system_fingerprint: 'fp_fake' };
  const extra = r.includeUsage ? { usage: null } : {};
  const chunk = (delta: object, finish: string | null = null): string =>
    dataFrame({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra });
  const tool = r.toolName;
  yield chunk(tool === undefined
    ? { role: 'assistant', content: '', refusal: null }
    : { role: 'assistant', content: null, tool_calls: [{ index: 0, id: ids.call(), type: 'function', function: { name: tool, arguments: '' } }] });
  let chars = 0;
  for (const piece of pieces) {
    chars += piece.length;
    yield chunk(tool === undefined ? { content: piece } : { tool_calls: [{ index: 0, function: { arguments: piece } }] });
  }
  yield chunk({}, tool === undefined ? 'stop' : 'tool_calls');
  if (r.includeUsage) yield dataFrame({ ...base, choices: [], usage: usage(r, chars) });
  yield DONE_FRAME;
}
