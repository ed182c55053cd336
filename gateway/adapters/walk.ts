import type { TextPlace, TextField } from './text-field.js';

/**
 * Keys whose string values are linkage or opaque data, never text: ids and call ids, roles, types,
 * signatures and encrypted blobs. Rewriting them would break the exchange. `name` (a participant's or
 * a tool's) and `model` are scanned like text: a placeholder is the same for the same value, so a
 * tool renamed in its definition is renamed alike in the calls to it.
 */
const LINKAGE_KEYS = new Set([
  'id', 'call_id', 'tool_call_id', 'tool_use_id', 'item_id', 'previous_response_id', 'response_id', 'file_id',
  'container_id', 'type', 'role', 'object', 'status', 'signature', 'encrypted_content',
  'media_type', 'mime_type', 'format', 'detail', 'service_tier', 'reasoning_effort', 'effort', 'truncation',
]);

/** Block/item types whose content the user did not write: tool output, documents, search results. */
const UNTRUSTED_TYPES = new Set([
  'tool_result', 'function_call_output', 'custom_tool_call_output', 'computer_call_output',
  'local_shell_call_output', 'mcp_call', 'document', 'search_result', 'web_search_tool_result',
  'web_fetch_tool_result', 'code_execution_tool_result', 'bash_code_execution_tool_result',
]);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Base64 media and encrypted payloads are opaque bytes, not text. */
function isOpaque(key: string, value: string, holder: Obj): boolean {
  if (LINKAGE_KEYS.has(key)) return true;
  if (value.startsWith('data:') && (key === 'url' || key === 'image_url' || key === 'file_data')) return true;
  if (key === 'file_data' || key === 'b64_json') return true;
  if (key === 'data') return holder.type === 'base64' || holder.type === 'redacted_thinking' || 'format' in holder;
  return false;
}

function contextFor(node: Obj, ctx: TextPlace): TextPlace {
  const type = node.type;
  if (typeof type !== 'string') return ctx;
  // Codex's code mode declares its tools in an input item rather than in `tools`.
  if (type === 'additional_tools') return { kind: 'tool_definition', role: ctx.role, untrusted: false };
  if (UNTRUSTED_TYPES.has(type) || type.endsWith('_tool_result')) {
    return { kind: type === 'document' ? 'document' : 'tool_result', role: ctx.role, untrusted: true };
  }
  if (type === 'tool_use' || type === 'server_tool_use' || type === 'function_call' || type === 'custom_tool_call') {
    return { kind: 'tool_args', role: ctx.role, untrusted: ctx.untrusted };
  }
  return ctx;
}

/** One field record, built with a fixed property order so every TextField shares one hidden class. */
export const field = (ctx: TextPlace, kind: TextPlace['kind'], holder: TextField['holder'], key: string | number, encoding: TextField['encoding']): TextField => ({
  kind,
  role: ctx.role,
  untrusted: ctx.untrusted,
  holder,
  key,
  encoding,
});

/** Maps whose keys are the client's data, not a schema: their keys are scanned too. */
const FREE_FORM_MAPS = new Set(['metadata']);

/** Renames `from` to `to` in `map`, keeping the order of its keys (a provider may echo it). */
function renameKey(map: Obj, from: string, to: string): void {
  if (from === to || !(from in map)) return;
  const entries = Object.entries(map);
  for (const k of Object.keys(map)) delete map[k];
  for (const [k, v] of entries) map[k === from ? to : k] = v;
}

/**
 * The keys of a map as fields: index i reads the i-th key's name, and writing it renames that key in
 * place. Accessor properties, so the scan and redact steps treat a key like any other string.
 */
function keyHolder(map: Obj): Record<number, string> {
  const names = Object.keys(map);
  const holder: Record<number, string> = {};
  names.forEach((_, i) => Object.defineProperty(holder, i, {
    enumerable: true,
    get: () => names[i],
    set: (value: string) => {
      renameKey(map, names[i]!, value);
      names[i] = value;
    },
  }));
  return holder;
}

function pushKeys(map: Obj, ctx: TextPlace, out: TextField[]): void {
  const holder = keyHolder(map);
  const n = Object.keys(map).length;
  for (let i = 0; i < n; i++) if (holder[i] !== '') out.push(field(ctx, ctx.kind, holder, i, 'text'));
}

/**
 * Every string value under `node`, keys and linkage rules ignored: inside tool-call arguments and
 * tool inputs all values are the model's or the user's data (`{"name": "Jane Doe"}` is not a tool name).
 */
export function walkAllStrings(node: unknown, ctx: TextPlace, out: TextField[]): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (typeof v === 'string') out.push(field(ctx, ctx.kind, node, i, 'text'));
      else if (typeof v === 'object' && v !== null) walkAllStrings(v, ctx, out);
    }
  } else if (isObject(node)) {
    for (const key in node) {
      const v = node[key];
      if (typeof v === 'string') out.push(field(ctx, ctx.kind, node, key, 'text'));
      else if (typeof v === 'object' && v !== null) walkAllStrings(v, ctx, out);
    }
    // Keys of data are data (`{"maria@example.com": …}`).
    pushKeys(node, ctx, out);
  }
}

/**
 * Collects every text-bearing string under `node` into `out`. Depth was bounded at the boundary
 * (checkJsonLimits) before this runs, so plain recursion is safe.
 */
export function walkText(node: unknown, ctx: TextPlace, out: TextField[], skipKeys?: readonly string[]): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (typeof v === 'string') out.push(field(ctx, ctx.kind, node, i, 'text'));
      else if (typeof v === 'object' && v !== null) walkText(v, ctx, out);
    }
    return;
  }
  if (!isObject(node)) return;
  const here = contextFor(node, ctx);
  for (const key in node) {
    if (skipKeys?.includes(key)) continue;
    const v = node[key];
    if (typeof v === 'string') {
      if (v.length === 0 || isOpaque(key, v, node)) continue;
      const json = key === 'arguments';
      out.push(field(here, json ? 'tool_args' : here.kind, node, key, json ? 'json' : 'text'));
    } else if (typeof v === 'object' && v !== null) {
      // A tool call's input object (Anthropic tool_use.input) is all data, linkage rules do not apply.
      if (key === 'input' && here.kind === 'tool_args') walkAllStrings(v, here, out);
      else walkText(v, here, out);
      if (FREE_FORM_MAPS.has(key) && isObject(v)) pushKeys(v, here, out);
    }
  }
}
