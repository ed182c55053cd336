// Decides what to answer: the scenario's misbehaviour first, then the reply for the endpoint.
// Pure: builds the reply (a JSON body or a lazy sequence of SSE frames); respond.ts writes it.
import type { IncomingHttpHeaders } from 'node:http';
import { agentTurn } from './agent.js';
import { cutAfter, deltas } from './pieces.js';
import type { Plan } from './plan.js';
import { type Api, tokens, viewRequest } from './request-view.js';
import { anthropicJson, anthropicStream } from './shapes/anthropic.js';
import { chatJson, chatStream } from './shapes/chat.js';
import { errorBody } from './shapes/errors.js';
import { anthropicModels, countTokens, echo, embeddings, openaiModels } from './shapes/misc.js';
import type { ReplyInput } from './shapes/reply.js';
import { responsesJson, responsesStream } from './shapes/responses.js';

export type Reply =
  | { kind: 'json'; status: number; headers?: Record<string, string>; body: string }
  | { kind: 'stream'; frames: Iterable<string> }
  | { kind: 'silent' };

export interface Incoming {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json: unknown;
  /** this server's own http://host:port, for redirects */
  origin: string;
}

const SHAPES = {
  chat: { json: chatJson, stream: chatStream },
  responses: { json: responsesJson, stream: responsesStream },
  anthropic: { json: anthropicJson, stream: anthropicStream },
} as const;

function json(status: number, body: object, headers?: Record<string, string>): Reply {
  return { kind: 'json', status, headers, body: JSON.stringify(body) };
}

function isAnthropic(req: Incoming, pathname: string): boolean {
  return pathname.includes('/messages') || req.headers['anthropic-version'] !== undefined;
}

export function errorReply(req: Incoming, status: number, message?: string, headers?: Record<string, string>): Reply {
  const pathname = req.path.split('?', 1)[0];
  return json(status, errorBody(isAnthropic(req, pathname), status, message), headers);
}

function completion(api: Api, req: Incoming, plan: Plan): Reply {
  const view = viewRequest(api, req.json);
  view.text += plan.appendText;
  const filler = plan.huge ? 'x'.repeat(plan.hugeBytes) : undefined;
  const r: ReplyInput = {
    model: view.model,
    inputTokens: tokens(req.body.length),
    toolName: plan.toolCall ? view.toolName : undefined,
    includeUsage: view.includeUsage,
  };
  const shape = SHAPES[api];
  const turn = plan.agent ? agentTurn(api, req.json, view.text) : undefined;
  if (turn?.kind === 'tool') {
    const call = { ...r, toolName: turn.name };
    if (!view.stream) return json(200, shape.json(call, turn.args));
    return { kind: 'stream', frames: shape.stream(call, deltas(turn.args, { ...plan, repeatable: false })) };
  }
  if (turn?.kind === 'text') {
    if (!view.stream) return json(200, shape.json(r, turn.text));
    return { kind: 'stream', frames: shape.stream(r, deltas(turn.text, { ...plan, repeatable: true })) };
  }
  if (plan.toolCall) {
    const args = JSON.stringify({ [plan.toolKey]: (filler ?? '') + view.text, path: '/tmp/x' });
    if (!view.stream) return json(200, shape.json(r, args));
    // A huge argument string goes out as one event, as huge-event promises.
    const pieces = filler === undefined ? deltas(args, { ...plan, repeatable: false }) : [args];
    return { kind: 'stream', frames: shape.stream(r, plan.cut ? cutAfter(pieces, plan.cutAfter) : pieces) };
  }
  const text = `echo: ${view.text}`;
  if (!view.stream) return json(200, shape.json(r, (filler ?? '') + text));
  const pieces = deltas(text, { ...plan, repeatable: true, filler });
  return { kind: 'stream', frames: shape.stream(r, plan.cut ? cutAfter(pieces, plan.cutAfter) : pieces) };
}

export function route(req: Incoming, plan: Plan): Reply {
  if (plan.noHeaders) return { kind: 'silent' };
  if (plan.status !== undefined) {
    const retry = plan.status === 429 || plan.status === 503 ? { 'retry-after': plan.retryAfter } : undefined;
    if (plan.htmlError) {
      const page = `<html><head><title>${plan.status}</title></head><body><h1>${plan.status} from the proxy</h1></body></html>`;
      return { kind: 'json', status: plan.status, headers: { ...retry, 'content-type': 'text/html; charset=utf-8' }, body: page };
    }
    return errorReply(req, plan.status, undefined, retry);
  }
  if (plan.redirect) {
    return json(302, { redirect: true }, { location: `${req.origin}/redirected${req.path}` });
  }
  const pathname = req.path.split('?', 1)[0];
  const post = req.method === 'POST';
  if (post && pathname.endsWith('/chat/completions')) return completion('chat', req, plan);
  if (post && pathname.endsWith('/responses')) return completion('responses', req, plan);
  if (post && pathname.endsWith('/messages/count_tokens')) return json(200, countTokens(req.body.length));
  if (post && pathname.endsWith('/messages')) return completion('anthropic', req, plan);
  if (post && pathname.endsWith('/embeddings')) return json(200, embeddings(req.json));
  if (req.method === 'GET' && pathname.endsWith('/models')) {
    return json(200, req.headers['anthropic-version'] === undefined ? openaiModels() : anthropicModels());
  }
  return json(200, echo(req.method, req.path, req.headers, req.body));
}
