import { objects, str, type Obj } from './json.js';
import { FINISH_REASON } from './tables.js';
import { openaiUsage } from './usage.js';

/**
 * An Anthropic `message` → an OpenAI `chat.completion`: text blocks joined into `content`, each
 * `tool_use` block a tool call with its id kept, stop_reason → finish_reason. Thinking blocks have
 * no place in Chat Completions and are left out.
 */
export function anthropicToOpenaiResponse(body: Obj, created: number): Obj {
  const text: string[] = [];
  const calls: Obj[] = [];
  for (const block of objects(body.content)) {
    if (block.type === 'text') text.push(str(block.text) ?? '');
    else if (block.type === 'tool_use') {
      calls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    }
  }
  // No text is `null`, as the OpenAI SDK also makes of a stream without text.
  const message: Obj = { role: 'assistant', content: text.join('') || null, refusal: null };
  if (calls.length > 0) message.tool_calls = calls;
  const stop = str(body.stop_reason);
  return {
    id: body.id,
    object: 'chat.completion',
    created,
    model: body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: stop === undefined ? null : (FINISH_REASON[stop] ?? 'stop') }],
    usage: openaiUsage(body.usage),
  };
}
