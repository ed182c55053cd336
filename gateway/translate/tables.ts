import type { ApiFamily } from '../shared/shape.js';

/**
 * The mapping between the two APIs as data: stop reasons, tool choice, error types, paths and
 * defaults. Every translator reads these tables; docs/translation.md shows them as tables too.
 */

export type ClientShape = 'openai-chat' | 'anthropic-messages';
export type UpstreamKind = ApiFamily;

/** The endpoint each upstream kind answers a chat request on, relative to the provider's API root. */
export const UPSTREAM_PATH: Record<UpstreamKind, string> = {
  openai: '/v1/chat/completions',
  anthropic: '/v1/messages',
};

/** The API version sent to an Anthropic upstream when the client (an OpenAI SDK) sent none. */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic requires `max_tokens`; OpenAI clients usually omit it. 4096 is within every Claude
 * model's output limit (Claude 3 Haiku's is exactly 4096), so no model refuses the default.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** OpenAI `finish_reason` → Anthropic `stop_reason`. */
export const STOP_REASON: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/**
 * The stop reason of an answer that carries tool calls: some compatible servers (Ollama among them)
 * finish a tool call with `stop`, and Anthropic clients decide on `tool_use` to run the tools.
 */
export const stopReasonOf = (finish: string | undefined, hasToolCalls: boolean): string | null => {
  if (finish === undefined) return null;
  const stop = STOP_REASON[finish] ?? 'end_turn';
  return hasToolCalls && stop === 'end_turn' ? 'tool_use' : stop;
};

/** Anthropic `stop_reason` → OpenAI `finish_reason` (OpenAI has no "which stop sequence"). */
export const FINISH_REASON: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** Anthropic `tool_choice.type` → OpenAI `tool_choice` (a named tool is handled separately). */
export const TOOL_CHOICE_TO_OPENAI: Record<string, string> = { auto: 'auto', any: 'required', none: 'none' };
/** OpenAI `tool_choice` string → Anthropic `tool_choice.type`. */
export const TOOL_CHOICE_TO_ANTHROPIC: Record<string, string> = { auto: 'auto', required: 'any', none: 'none' };

/** An HTTP status → the Anthropic error type its documentation gives for it. */
export const ANTHROPIC_ERROR_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};
export const anthropicErrorType = (status: number): string => ANTHROPIC_ERROR_TYPE[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');

/** An Anthropic error type → OpenAI's `type` and, when the Anthropic body had no code, its `code`. */
export const OPENAI_ERROR: Record<string, { type: string; code: string | null }> = {
  invalid_request_error: { type: 'invalid_request_error', code: null },
  authentication_error: { type: 'invalid_request_error', code: 'invalid_api_key' },
  billing_error: { type: 'insufficient_quota', code: 'insufficient_quota' },
  permission_error: { type: 'invalid_request_error', code: 'permission_denied' },
  not_found_error: { type: 'invalid_request_error', code: 'not_found' },
  request_too_large: { type: 'invalid_request_error', code: 'request_too_large' },
  rate_limit_error: { type: 'requests', code: 'rate_limit_exceeded' },
  api_error: { type: 'server_error', code: null },
  overloaded_error: { type: 'server_error', code: 'overloaded' },
  timeout_error: { type: 'server_error', code: 'timeout' },
};
export const openaiError = (anthropicType: string | undefined, status: number) =>
  OPENAI_ERROR[anthropicType ?? ''] ?? OPENAI_ERROR[anthropicErrorType(status)]!;

/** Image media types Anthropic accepts inline; a data URL of any other type is refused. */
export const ANTHROPIC_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
