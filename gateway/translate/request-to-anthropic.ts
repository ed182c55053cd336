import { GatewayError } from '../errors.js';
import { isObject, list, num, objects, parseJson, str, type Obj } from './json.js';
import { ANTHROPIC_IMAGE_TYPES, DEFAULT_MAX_TOKENS, TOOL_CHOICE_TO_ANTHROPIC } from './tables.js';

const unsupported = (what: string) => new GatewayError('GW_ERR_TRANSLATE_UNSUPPORTED', what, { exposeDetail: true });

/** OpenAI allows temperature up to 2, Anthropic up to 1: higher values are clamped, not refused. */
const clampUnit = (v: unknown) => (typeof v === 'number' ? Math.min(Math.max(v, 0), 1) : undefined);

/** A string or an array of text (and refusal) parts → the text pieces, in order. */
function texts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  return objects(content).flatMap((p) => (p.type === 'text' ? [str(p.text) ?? ''] : p.type === 'refusal' ? [str(p.refusal) ?? ''] : []));
}

/** `data:image/png;base64,AAAA` → a base64 source; an http(s) URL → a url source. */
function imageBlock(part: Obj): Obj {
  const url = str(isObject(part.image_url) ? part.image_url.url : part.image_url) ?? '';
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data) {
    if (!ANTHROPIC_IMAGE_TYPES.has(data[1]!)) throw unsupported(`image type ${data[1]!}`);
    return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw unsupported('an image URL that is neither http(s) nor a base64 data URL');
}

function userBlocks(content: unknown): Obj[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return objects(content).map((part) => {
    if (part.type === 'text') return { type: 'text', text: str(part.text) ?? '' };
    if (part.type === 'image_url') return imageBlock(part);
    throw unsupported(`content part "${String(part.type)}"`);
  }).filter((b) => b.type !== 'text' || b.text !== '');
}

/** Tool arguments are a JSON string on OpenAI's side and an object on Anthropic's; anything else cannot cross. */
function toolInput(args: unknown): Obj {
  const input = typeof args === 'string' ? (args.trim() === '' ? {} : parseJson(args)) : args;
  if (!isObject(input)) throw unsupported('tool call arguments that are not a JSON object');
  return input;
}

function assistantBlocks(message: Obj): Obj[] {
  const blocks: Obj[] = texts(message.content).filter((t) => t !== '').map((text) => ({ type: 'text', text }));
  for (const call of objects(message.tool_calls)) {
    const fn = isObject(call.function) ? call.function : {};
    blocks.push({ type: 'tool_use', id: call.id, name: fn.name, input: toolInput(fn.arguments) });
  }
  return blocks;
}

/** Anthropic wants alternating turns: a block list joins the previous turn when the role repeats. */
function append(turns: Obj[], role: string, blocks: Obj[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) (last.content as Obj[]).push(...blocks);
  else turns.push({ role, content: blocks });
}

function tools(value: unknown): Obj[] {
  return objects(value).map((tool) => {
    if (tool.type !== 'function' || !isObject(tool.function)) throw unsupported(`tool type "${String(tool.type)}"`);
    const fn = tool.function;
    const out: Obj = { name: fn.name };
    if (fn.description !== undefined) out.description = fn.description;
    out.input_schema = isObject(fn.parameters) ? fn.parameters : { type: 'object', properties: {} };
    return out;
  });
}

function toolChoice(body: Obj): Obj | undefined {
  const choice = body.tool_choice;
  let out: Obj | undefined;
  if (typeof choice === 'string') out = { type: TOOL_CHOICE_TO_ANTHROPIC[choice] ?? 'auto' };
  else if (isObject(choice) && isObject(choice.function)) out = { type: 'tool', name: choice.function.name };
  if (body.parallel_tool_calls === false && body.tools !== undefined) {
    out ??= { type: 'auto' };
    if (out.type !== 'none') out.disable_parallel_tool_use = true;
  }
  return out;
}

/**
 * An OpenAI Chat Completions request → an Anthropic Messages request. System and developer
 * messages, wherever they stand, become `system` (Anthropic has no system turn); tool messages
 * become `tool_result` blocks of a user turn, ids kept verbatim. `max_tokens` falls back to
 * `defaultMaxTokens` because Anthropic requires it.
 */
export function openaiToAnthropicRequest(body: Obj, model: string | undefined, defaultMaxTokens = DEFAULT_MAX_TOKENS): Obj {
  if ((num(body.n) ?? 1) > 1) throw unsupported('n > 1');
  if (body.audio !== undefined || list(body.modalities).includes('audio')) throw unsupported('audio output');
  if (isObject(body.response_format) && body.response_format.type !== 'text') throw unsupported(`response_format "${String(body.response_format.type)}"`);
  const system: string[] = [];
  const turns: Obj[] = [];
  for (const message of objects(body.messages)) {
    const role = message.role;
    if (role === 'system' || role === 'developer') system.push(...texts(message.content));
    else if (role === 'assistant') append(turns, 'assistant', assistantBlocks(message));
    else if (role === 'tool') {
      const content = texts(message.content).join('');
      append(turns, 'user', [{ type: 'tool_result', tool_use_id: message.tool_call_id, content }]);
    } else if (role === 'user') append(turns, 'user', userBlocks(message.content));
    else throw unsupported(`message role "${String(role)}"`);
  }
  const out: Obj = { model: model ?? body.model, max_tokens: num(body.max_completion_tokens) ?? num(body.max_tokens) ?? defaultMaxTokens };
  if (system.length === 1) out.system = system[0];
  else if (system.length > 1) out.system = system.map((text) => ({ type: 'text', text }));
  out.messages = turns;
  const temperature = clampUnit(body.temperature);
  if (temperature !== undefined) out.temperature = temperature;
  if (typeof body.top_p === 'number') out.top_p = body.top_p;
  if (body.stop !== undefined && body.stop !== null) out.stop_sequences = typeof body.stop === 'string' ? [body.stop] : list(body.stop);
  if (body.stream === true) out.stream = true;
  if (body.tools !== undefined) out.tools = tools(body.tools);
  const choice = toolChoice(body);
  if (choice) out.tool_choice = choice;
  if (typeof body.user === 'string') out.metadata = { user_id: body.user };
  return out;
}
