import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyRequest } from 'fastify';
import type { JsonBody, RequestBody } from '../body/parse.js';
import { GatewayError } from '../errors.js';
import type { RouteSpec } from '../shared/route.js';

/**
 * `POST /relay/generate`, the Python gateway's relay endpoint, for users migrating from it: a prompt
 * or OpenAI-style messages become an OpenAI Chat request before anything reads the body, so the
 * exchange runs the Chat pipeline unchanged (scan, policy, hold, redact, upstream, restore, guard,
 * audit) and answers in Chat shape, JSON or SSE. Off unless `relay.enabled`; needs a client key.
 */
export const RELAY_PATH = '/relay/generate';

export const RELAY_ROUTE: RouteSpec = { provider: 'openai', shape: 'openai-chat', prefix: '', upstreamPath: '/v1/chat/completions', relay: true };

/** The Python gateway's ids: accepted for compatibility, never forwarded; a bounded token, so no value hides in them. */
const Id = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$' });

export const RelayRequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1, maxLength: 256 }),
    prompt: Type.Optional(Type.String({ minLength: 1 })),
    messages: Type.Optional(Type.Array(Type.Object({ role: Type.String({ minLength: 1, maxLength: 64 }) }), { minItems: 1 })),
    stream: Type.Optional(Type.Boolean()),
    session_id: Type.Optional(Id),
    request_id: Type.Optional(Id),
    max_tokens: Type.Optional(Type.Integer({ minimum: 1 })),
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
  },
  { additionalProperties: false },
);

const check = TypeCompiler.Compile(RelayRequestSchema);

function invalid(field: string, message: string): GatewayError {
  return new GatewayError('GW_ERR_RELAY_INVALID', `invalid relay field '${field}': ${message}`);
}

/** The OpenAI Chat body a relay request stands for; throws GW_ERR_RELAY_INVALID naming the field. */
export function relayToChat(json: unknown): Record<string, unknown> {
  if (!check.Check(json)) {
    const first = check.Errors(json).First();
    throw invalid(first?.path.replace(/^\//, '').replaceAll('/', '.') || '(body)', first?.message ?? 'invalid');
  }
  if (json.prompt === undefined && json.messages === undefined) throw invalid('prompt', 'send prompt or messages');
  // As in the Python gateway, messages win over a prompt sent alongside them (which then goes nowhere).
  const chat: Record<string, unknown> = {
    model: json.model,
    messages: json.messages ?? [{ role: 'user', content: json.prompt }],
  };
  if (json.stream !== undefined) chat.stream = json.stream;
  if (json.max_tokens !== undefined) chat.max_tokens = json.max_tokens;
  if (json.temperature !== undefined) chat.temperature = json.temperature;
  return chat;
}

/** Route preHandler: swaps the relay body for its Chat body (after the signature check saw the bytes sent). */
export async function relayBody(req: FastifyRequest): Promise<void> {
  const body = req.body as RequestBody | undefined;
  if (body?.kind !== 'json') throw invalid('(body)', 'a JSON object is required');
  const raw = Buffer.from(JSON.stringify(relayToChat(body.json)));
  const chat: JsonBody = { kind: 'json', raw, json: JSON.parse(raw.toString('utf8')) as unknown };
  req.body = chat;
}
