import { isObject, type JsonObject } from '../restore/fields.js';

/**
 * Chunk-level helpers for the OpenAI chat stream's tool-call gate: which chunks carry nothing but one tool-call
 * delta (withheld whole, so a released call goes out byte for byte), and which are left empty once their
 * tool-call deltas are taken out (not worth sending).
 */
export interface SoleToolDelta {
  choice: unknown;
  entry: JsonObject;
  role: unknown;
}

/** A delta field that carries nothing when null or empty (`content: null` beside tool calls). */
const isBlank = (v: unknown) => v == null || v === '';

/** The chunk's only content is one tool-call delta of one choice (plus role and blank fields). */
export function soleToolDelta(chunk: JsonObject, choices: unknown[]): SoleToolDelta | undefined {
  if (choices.length !== 1 || chunk.usage != null) return undefined;
  const choice = choices[0];
  if (!isObject(choice) || choice.finish_reason != null || choice.logprobs != null) return undefined;
  const delta = choice.delta;
  if (!isObject(delta) || !Array.isArray(delta.tool_calls) || delta.tool_calls.length !== 1) return undefined;
  const entry: unknown = delta.tool_calls[0];
  if (!isObject(entry)) return undefined;
  for (const [k, v] of Object.entries(delta)) {
    if (k !== 'tool_calls' && k !== 'role' && !isBlank(v)) return undefined;
  }
  return { choice: choice.index ?? 0, entry, role: delta.role };
}

/** The chunk minus its choices and usage: what dresses a chunk the gateway writes for that stream. */
export function envelopeOf(chunk: JsonObject): JsonObject {
  const { choices: _choices, usage: _usage, ...envelope } = chunk;
  return envelope;
}

/** One-choice chunk in the stream's own envelope. */
export const chunkWith = (envelope: JsonObject, choice: unknown, delta: JsonObject): JsonObject => ({
  ...envelope,
  choices: [{ index: choice, delta, logprobs: null, finish_reason: null }],
});

/** Nothing left to tell the client: no usage, and every choice has a blank delta and no finish. */
export function isEmptyChunk(chunk: JsonObject, choices: unknown[]): boolean {
  if (chunk.usage != null) return false;
  return choices.every((c) => isObject(c) && c.finish_reason == null && c.logprobs == null && (!isObject(c.delta) || Object.values(c.delta).every(isBlank)));
}

/** Complete JSON text: once it parses (and is not a number, which could grow), no delta can extend it. */
export function isCompleteJson(text: string): boolean {
  try {
    return typeof JSON.parse(text) !== 'number';
  } catch {
    return false;
  }
}
