import { isObject, num, type Obj } from './json.js';

/**
 * OpenAI counts cached prompt tokens inside `prompt_tokens`; Anthropic counts cache reads and writes
 * apart from `input_tokens`. So input = prompt − cached, and back: prompt = input + both caches.
 */
export function anthropicUsage(usage: unknown): Obj {
  const u = isObject(usage) ? usage : {};
  const cached = num(isObject(u.prompt_tokens_details) ? u.prompt_tokens_details.cached_tokens : undefined) ?? 0;
  return {
    input_tokens: Math.max((num(u.prompt_tokens) ?? 0) - cached, 0),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    output_tokens: num(u.completion_tokens) ?? 0,
  };
}

export function openaiUsage(usage: unknown): Obj {
  const u = isObject(usage) ? usage : {};
  const cached = num(u.cache_read_input_tokens) ?? 0;
  const prompt = (num(u.input_tokens) ?? 0) + cached + (num(u.cache_creation_input_tokens) ?? 0);
  const completion = num(u.output_tokens) ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached },
  };
}
