import { GatewayError } from '../errors.js';
import { copyKeys, isObject, list, objects, str, type Obj } from './json.js';
import { TOOL_CHOICE_TO_OPENAI } from './tables.js';

/** Sampling and control fields that mean the same on both sides, Anthropic name → OpenAI name. */
const SAME_FIELDS = { temperature: 'temperature', top_p: 'top_p', stream: 'stream' };

const unsupported = (what: string) => new GatewayError('GW_ERR_TRANSLATE_UNSUPPORTED', what, { exposeDetail: true });

/** Text of a `system` value or a tool result's content: a string, or text blocks joined by blank lines. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return objects(content).filter((b) => b.type === 'text').map((b) => str(b.text) ?? '').join('\n\n');
}

/** An Anthropic image block → an OpenAI `image_url` part (base64 becomes a data URL). */
function imagePart(block: Obj): Obj {
  const source = isObject(block.source) ? block.source : {};
  if (source.type === 'base64') return { type: 'image_url', image_url: { url: `data:${str(source.media_type) ?? 'image/png'};base64,${str(source.data) ?? ''}` } };
  if (source.type === 'url') return { type: 'image_url', image_url: { url: str(source.url) ?? '' } };
  throw unsupported(`image source "${String(source.type)}"`);
}

/** Content parts of a user turn: one text part collapses to a plain string, which every compatible server accepts. */
function userContent(parts: Obj[]): string | Obj[] {
  return parts.length === 1 && parts[0]!.type === 'text' ? (parts[0]!.text as string) : parts;
}

/**
 * One Anthropic user turn → OpenAI messages: each `tool_result` becomes a `tool` message (first, as
 * OpenAI wants them right after the assistant's calls), the rest one `user` message. A tool
 * result's images cannot sit in a `tool` message, so they join that user message.
 */
function userTurn(content: unknown): Obj[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const tools: Obj[] = [];
  const parts: Obj[] = [];
  for (const block of objects(content)) {
    if (block.type === 'text') parts.push({ type: 'text', text: str(block.text) ?? '' });
    else if (block.type === 'image') parts.push(imagePart(block));
    else if (block.type === 'tool_result') {
      tools.push({ role: 'tool', tool_call_id: block.tool_use_id, content: textOf(block.content) });
      for (const inner of objects(block.content)) if (inner.type === 'image') parts.push(imagePart(inner));
    } else throw unsupported(`content block "${String(block.type)}" in a user turn`);
  }
  return parts.length > 0 ? [...tools, { role: 'user', content: userContent(parts) }] : tools;
}

/** One Anthropic assistant turn → one OpenAI assistant message; thinking blocks are dropped (OpenAI has no place for them). */
function assistantTurn(content: unknown): Obj {
  if (typeof content === 'string') return { role: 'assistant', content };
  const text: string[] = [];
  const calls: Obj[] = [];
  for (const block of objects(content)) {
    if (block.type === 'text') text.push(str(block.text) ?? '');
    else if (block.type === 'tool_use') {
      calls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') throw unsupported(`content block "${String(block.type)}" in an assistant turn`);
  }
  // Content may be null only beside tool calls; a turn of thinking alone becomes empty text.
  const message: Obj = { role: 'assistant', content: text.length > 0 ? text.join('') : calls.length > 0 ? null : '' };
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}

function tools(value: unknown): Obj[] {
  return objects(value).map((tool) => {
    // Server tools (web search, code execution, computer use) carry a dated `type`; only custom tools translate.
    if (tool.type !== undefined && tool.type !== 'custom') throw unsupported(`server tool "${String(tool.type)}"`);
    const fn: Obj = { name: tool.name };
    if (tool.description !== undefined) fn.description = tool.description;
    fn.parameters = tool.input_schema ?? { type: 'object', properties: {} };
    return { type: 'function', function: fn };
  });
}

function toolChoice(choice: Obj, out: Obj): void {
  const type = str(choice.type) ?? 'auto';
  out.tool_choice = type === 'tool' ? { type: 'function', function: { name: choice.name } } : (TOOL_CHOICE_TO_OPENAI[type] ?? 'auto');
  if (choice.disable_parallel_tool_use === true) out.parallel_tool_calls = false;
}

/**
 * An Anthropic Messages request → an OpenAI Chat Completions request. `system` becomes the first
 * message; tool ids are kept verbatim so the next turn's results find their calls. A streamed
 * request asks for the usage chunk, which the stream translator needs for `message_delta`.
 */
export function anthropicToOpenaiRequest(body: Obj, model: string | undefined, maxTokensField: string, streamUsage: boolean): Obj {
  const out: Obj = { model: model ?? body.model };
  const messages: Obj[] = [];
  const system = textOf(body.system);
  if (system !== '') messages.push({ role: 'system', content: system });
  for (const message of objects(body.messages)) {
    if (message.role === 'assistant') messages.push(assistantTurn(message.content));
    else messages.push(...userTurn(message.content));
  }
  out.messages = messages;
  copyKeys(body, out, SAME_FIELDS);
  if (body.max_tokens !== undefined) out[maxTokensField] = body.max_tokens;
  if (body.stop_sequences !== undefined) out.stop = list(body.stop_sequences);
  if (body.stream === true && streamUsage) out.stream_options = { include_usage: true };
  if (body.tools !== undefined) out.tools = tools(body.tools);
  if (isObject(body.tool_choice)) toolChoice(body.tool_choice, out);
  if (isObject(body.metadata) && typeof body.metadata.user_id === 'string') out.user = body.metadata.user_id;
  return out;
}
