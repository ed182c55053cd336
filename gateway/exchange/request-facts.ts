import type { ApiShape } from '../shared/shape.js';

/** Facts about a request body that every later step (limits, audit, routing of the response) needs. */
export interface RequestFacts {
  model: string | undefined;
  stream: boolean;
  /** Messages or input items, for the message-count limit. */
  messageCount: number;
  /** The request offers the model tools, so the response may carry tool calls to judge. */
  tools: boolean;
  /** Responses API: the stored response this request continues (`previous_response_id`). */
  previousResponseId: string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function requestFacts(shape: ApiShape, json: unknown): RequestFacts {
  if (!isObject(json)) return { model: undefined, stream: false, messageCount: 0, tools: false, previousResponseId: undefined };
  const model = typeof json.model === 'string' ? json.model : undefined;
  const stream = json.stream === true;
  const list = shape === 'openai-responses' ? json.input : json.messages;
  const offered = (v: unknown) => Array.isArray(v) && v.length > 0;
  const tools = offered(json.tools) || offered(json.functions);
  const previousResponseId = shape === 'openai-responses' && typeof json.previous_response_id === 'string' ? json.previous_response_id : undefined;
  return { model, stream, messageCount: Array.isArray(list) ? list.length : 0, tools, previousResponseId };
}
