// Sends one user turn in any of the three API shapes over plain HTTP (so the test sees the exact
// response) and reads back what the model "said": the text, or a tool call's arguments, from a
// JSON body or from the SSE deltas, whatever way they were split.
import assert from 'node:assert/strict';
import type { OutgoingHttpHeaders } from 'node:http';
import { postJson, type HttpResult } from '../../helpers/http.js';

export type Shape = 'chat' | 'responses' | 'anthropic';
export const SHAPES: readonly Shape[] = ['chat', 'responses', 'anthropic'];

export interface Turn {
  /** Earlier turns: [user, assistant] text pairs, re-sent as history. */
  history?: readonly (readonly [string, string])[];
  text: string;
  stream?: boolean;
  /** Offer a tool (the fake provider answers with a call of it when the scenario says tool-call). */
  tool?: string;
  previousResponseId?: string;
  headers?: OutgoingHttpHeaders;
}

const PATHS: Record<Shape, string> = { chat: '/v1/chat/completions', responses: '/v1/responses', anthropic: '/v1/messages' };

export function requestBody(shape: Shape, t: Turn): Record<string, unknown> {
  const turns = [...(t.history ?? []).flatMap(([u, a]) => [{ role: 'user', content: u }, { role: 'assistant', content: a }]), { role: 'user', content: t.text }];
  const schema = { type: 'object', properties: { url: { type: 'string' } } };
  switch (shape) {
    case 'chat':
      return {
        model: 'gpt-4o-mini', stream: t.stream === true, messages: turns,
        ...(t.tool ? { tools: [{ type: 'function', function: { name: t.tool, parameters: schema } }] } : {}),
      };
    case 'responses':
      return {
        model: 'gpt-4o-mini', stream: t.stream === true, input: turns,
        ...(t.previousResponseId ? { previous_response_id: t.previousResponseId } : {}),
        ...(t.tool ? { tools: [{ type: 'function', name: t.tool, parameters: schema }] } : {}),
      };
    case 'anthropic':
      return {
        model: 'claude-test-model', max_tokens: 64, stream: t.stream === true, messages: turns,
        ...(t.tool ? { tools: [{ name: t.tool, input_schema: schema }] } : {}),
      };
  }
}

export function sendTurn(url: string, shape: Shape, t: Turn): Promise<HttpResult> {
  const auth = shape === 'anthropic' ? { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' } : { authorization: 'Bearer sk-test' };
  return postJson(url, PATHS[shape], requestBody(shape, t), { ...auth, ...t.headers });
}

type Obj = Record<string, unknown>;
const events = (text: string): Obj[] =>
  text.split('\n').filter((l) => l.startsWith('data:') && !l.includes('[DONE]')).map((l) => JSON.parse(l.slice(5).trim()) as Obj);
const get = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], o);

/** The assistant text of a reply, JSON or streamed. */
export function replyText(shape: Shape, res: HttpResult): string {
  assert.equal(res.status, 200, res.text);
  const sse = String(res.headers['content-type']).startsWith('text/event-stream');
  if (!sse) {
    const doc = res.json;
    if (shape === 'chat') return String(get(doc, 'choices', 0, 'message', 'content'));
    if (shape === 'responses') return String(get(doc, 'output', 0, 'content', 0, 'text'));
    return String(get(doc, 'content', 0, 'text'));
  }
  const all = events(res.text);
  if (shape === 'chat') return all.map((e) => get(e, 'choices', 0, 'delta', 'content') ?? '').join('');
  if (shape === 'responses') return all.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('');
  return all.filter((e) => get(e, 'delta', 'type') === 'text_delta').map((e) => get(e, 'delta', 'text')).join('');
}

/** The arguments of the reply's tool call, as JSON text, JSON or streamed. */
export function replyToolArgs(shape: Shape, res: HttpResult): string {
  assert.equal(res.status, 200, res.text);
  const sse = String(res.headers['content-type']).startsWith('text/event-stream');
  if (!sse) {
    const doc = res.json;
    if (shape === 'chat') return String(get(doc, 'choices', 0, 'message', 'tool_calls', 0, 'function', 'arguments'));
    if (shape === 'responses') return String(get(doc, 'output', 0, 'arguments'));
    return JSON.stringify(get(doc, 'content', 0, 'input'));
  }
  const all = events(res.text);
  if (shape === 'chat') return all.map((e) => get(e, 'choices', 0, 'delta', 'tool_calls', 0, 'function', 'arguments') ?? '').join('');
  if (shape === 'responses') return all.filter((e) => e.type === 'response.function_call_arguments.delta').map((e) => e.delta).join('');
  return all.filter((e) => get(e, 'delta', 'type') === 'input_json_delta').map((e) => get(e, 'delta', 'partial_json')).join('');
}

/** The Responses API reply's id (JSON body, or the `response.created` event). */
export function responseId(res: HttpResult): string {
  const sse = String(res.headers['content-type']).startsWith('text/event-stream');
  const id = sse ? get(events(res.text).find((e) => e.type === 'response.created'), 'response', 'id') : get(res.json, 'id');
  assert.equal(typeof id, 'string');
  return id as string;
}
