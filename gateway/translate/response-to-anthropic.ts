import { isObject, objects, parseJson, str, type Obj } from './json.js';
import { stopReasonOf } from './tables.js';
import { anthropicUsage } from './usage.js';

/** Tool arguments as Anthropic's `input` object; text that is not a JSON object stays visible under `_raw`. */
export function inputOf(args: unknown): Obj {
  const text = str(args) ?? '';
  if (text.trim() === '') return {};
  const value = parseJson(text);
  return isObject(value) ? value : { _raw: text };
}

/**
 * An OpenAI `chat.completion` → an Anthropic `message`: the first choice's text (and refusal) as a
 * text block, each tool call as a `tool_use` block with its id kept, finish_reason → stop_reason.
 */
export function openaiToAnthropicResponse(body: Obj): Obj {
  const choice = objects(body.choices)[0] ?? {};
  const message = isObject(choice.message) ? choice.message : {};
  const content: Obj[] = [];
  const text = (str(message.content) ?? '') + (str(message.refusal) ?? '');
  if (text !== '') content.push({ type: 'text', text });
  for (const call of objects(message.tool_calls)) {
    const fn = isObject(call.function) ? call.function : {};
    content.push({ type: 'tool_use', id: call.id, name: fn.name, input: inputOf(fn.arguments) });
  }
  const finish = str(choice.finish_reason);
  return {
    id: body.id,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content,
    stop_reason: stopReasonOf(finish, content.some((b) => b.type === 'tool_use')),
    stop_sequence: null,
    usage: anthropicUsage(body.usage),
  };
}
