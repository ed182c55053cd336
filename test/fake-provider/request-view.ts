// Reads what a reply needs from a request body in any of the three API shapes. Pure: no I/O.

export type Api = 'chat' | 'responses' | 'anthropic';

export interface RequestView {
  model: string;
  /** the text of the last user message or input: strings and text parts concatenated */
  text: string;
  /** the first tool's name, or echo_tool */
  toolName: string;
  stream: boolean;
  /** OpenAI chat's stream_options.include_usage */
  includeUsage: boolean;
}

type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Concatenates a content string or the text of its parts of the given types. */
function contentText(content: unknown, partTypes: readonly string[]): string {
  if (typeof content === 'string') return content;
  let out = '';
  for (const part of list(content)) {
    if (typeof part === 'string') out += part;
    else if (isObj(part) && partTypes.includes(String(part.type)) && typeof part.text === 'string') out += part.text;
  }
  return out;
}

function lastUser(items: unknown[]): Obj | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (isObj(item) && item.role === 'user') return item;
  }
  return undefined;
}

function lastUserText(api: Api, body: Obj): string {
  if (api === 'responses') {
    if (typeof body.input === 'string') return body.input;
    return contentText(lastUser(list(body.input))?.content, ['input_text', 'text']);
  }
  return contentText(lastUser(list(body.messages))?.content, ['text']);
}

function firstToolName(api: Api, body: Obj): string | undefined {
  const tool = list(body.tools)[0];
  if (!isObj(tool)) return undefined;
  if (api === 'chat') return isObj(tool.function) ? str(tool.function.name) : undefined;
  return str(tool.name);
}

export function viewRequest(api: Api, json: unknown): RequestView {
  const body = isObj(json) ? json : {};
  return {
    model: str(body.model) ?? 'fake-model',
    text: lastUserText(api, body),
    toolName: firstToolName(api, body) ?? 'echo_tool',
    stream: body.stream === true,
    includeUsage: isObj(body.stream_options) && body.stream_options.include_usage === true,
  };
}

/** A rough provider-like estimate: about four characters per token. */
export function tokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}
