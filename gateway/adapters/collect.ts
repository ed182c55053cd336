import type { ApiShape } from '../shared/shape.js';
import { readField, type TextPlace, type TextField } from './text-field.js';
import { field, walkText } from './walk.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const OTHER: TextPlace = { kind: 'other', role: undefined, untrusted: false };
const SYSTEM: TextPlace = { kind: 'system', role: 'system', untrusted: false };
const TOOL_DEFINITION: TextPlace = { kind: 'tool_definition', role: undefined, untrusted: false };

/** Top-level keys that declare the tools a request offers (`functions`: the legacy chat form). */
const TOOL_KEYS = ['tools', 'functions'];

/**
 * Context an agent program writes into the user's turn itself, in a wrapper of its own: Claude Code's
 * `<system-reminder>` blocks, Codex's `<environment_context>` and instructions. Labelled `system` (what
 * they are) rather than `message`; the presets treat both alike, so the label only tells the truth.
 */
const CLIENT_WRAPPER = /^\s*<(system-reminder|environment_context|permissions instructions|skills_instructions|collaboration_mode)>/;

function labelClientText(f: TextField): TextField {
  if (f.kind !== 'message' || f.encoding !== 'text' || !CLIENT_WRAPPER.test(readField(f))) return f;
  return field({ kind: 'system', role: f.role, untrusted: f.untrusted }, 'system', f.holder, f.key, 'text');
}

function roleContext(role: unknown): TextPlace {
  switch (role) {
    case 'system':
    case 'developer':
      return { kind: 'system', role, untrusted: false };
    case 'tool':
    case 'function':
      return { kind: 'tool_result', role, untrusted: true };
    default:
      return { kind: 'message', role: typeof role === 'string' ? role : undefined, untrusted: false };
  }
}

/** The top-level keys that carry the conversation, per shape; every other key is walked as 'other'. */
const CONVERSATION_KEYS: Record<ApiShape, readonly string[]> = {
  'openai-chat': ['messages'],
  'openai-responses': ['input', 'instructions'],
  'anthropic-messages': ['messages', 'system'],
  passthrough: [],
};

function collectConversation(shape: ApiShape, body: Obj, key: string, out: TextField[]): void {
  const value = body[key];
  if (typeof value === 'string') {
    if (value.length === 0) return;
    const ctx = key === 'input' ? roleContext('user') : SYSTEM;
    out.push(field(ctx, ctx.kind, body, key, 'text'));
    return;
  }
  if (key === 'system' || key === 'instructions') return walkText(value, SYSTEM, out);
  if (!Array.isArray(value)) return walkText(value, OTHER, out);
  for (const item of value) {
    // Responses input items without a role (function_call_output, …) get their context from their type.
    const ctx = isObject(item) && item.role !== undefined ? roleContext(item.role) : shape === 'openai-responses' ? roleContext('user') : OTHER;
    walkText(item, ctx, out);
  }
}

/**
 * Every text-bearing string of a parsed request body, with where it sits. Adapters make no
 * decisions: they only translate a provider's shape into this neutral list.
 */
export function collectTextFields(shape: ApiShape, body: unknown): TextField[] {
  const out: TextField[] = [];
  if (!isObject(body)) {
    walkText(body, OTHER, out);
    return out;
  }
  const conversation = CONVERSATION_KEYS[shape];
  for (const key of conversation) if (key in body) collectConversation(shape, body, key, out);
  const tools = shape === 'passthrough' ? [] : TOOL_KEYS;
  for (const key of tools) if (key in body) walkText(body[key], TOOL_DEFINITION, out);
  walkText(body, OTHER, out, [...conversation, ...tools]);
  return shape === 'passthrough' ? out : out.map(labelClientText);
}
