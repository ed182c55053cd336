// The canary test's traffic: every API shape (OpenAI chat, OpenAI Responses, Anthropic Messages),
// JSON and streamed, text answers and tool calls, with the canaries in every text-bearing place a
// real agent fills (system prompt, user turns, earlier tool-call arguments, tool results).
import type { Canaries } from './canaries.js';

export interface CanaryRequest {
  label: string;
  path: string;
  /** the exact JSON text sent (and signed) */
  body: string;
  /** whether the request carries the x-aegis-* signature headers */
  signed: boolean;
  /** `x-fake-scenario` for the fake provider */
  scenario: 'ok' | 'tool-call';
  stream: boolean;
  provider: 'openai' | 'anthropic';
}

const TOOL = 'lookup_customer';
const CALL_ID = 'call_canary_0001';
const SCHEMA = { type: 'object', properties: { query: { type: 'string' } } };

/** One text holding every canary, tagged so each slot is distinguishable in a failure. */
export function canaryText(c: Canaries, label: string): string {
  return [
    `[${label}] Contact ${c.email1} or ${c.email2} about the ${c.denyTerm} rollout.`,
    `aws_access_key_id = ${c.awsKeyId}`,
    `aws_secret_access_key = ${c.awsSecret}`,
    `GITHUB_TOKEN=${c.github}`,
    `Card on file: ${c.card} (or ${c.cardDigits})`,
    `Authorization: Bearer ${c.jwt}`,
    c.pem,
    `codename ${c.denyTerm} ✅`,
  ].join('\n');
}

function chat(c: Canaries, stream: boolean) {
  const args = JSON.stringify({ query: canaryText(c, 'chat tool args') });
  return {
    model: 'gpt-4o-mini',
    stream,
    messages: [
      { role: 'system', content: canaryText(c, 'chat system') },
      { role: 'assistant', content: null, tool_calls: [{ id: CALL_ID, type: 'function', function: { name: TOOL, arguments: args } }] },
      { role: 'tool', tool_call_id: CALL_ID, content: canaryText(c, 'chat tool result') },
      { role: 'user', content: canaryText(c, 'chat user') },
    ],
    tools: [{ type: 'function', function: { name: TOOL, description: 'Find a customer', parameters: SCHEMA } }],
  };
}

function responses(c: Canaries, stream: boolean) {
  return {
    model: 'gpt-4.1',
    stream,
    instructions: canaryText(c, 'responses instructions'),
    input: [
      { type: 'function_call', call_id: CALL_ID, name: TOOL, arguments: JSON.stringify({ query: canaryText(c, 'responses args') }) },
      { type: 'function_call_output', call_id: CALL_ID, output: canaryText(c, 'responses output') },
      { role: 'user', content: [{ type: 'input_text', text: canaryText(c, 'responses user') }] },
    ],
    tools: [{ type: 'function', name: TOOL, description: 'Find a customer', parameters: SCHEMA, strict: false }],
  };
}

function messages(c: Canaries, stream: boolean) {
  return {
    model: 'claude-test-model',
    max_tokens: 1024,
    stream,
    system: canaryText(c, 'anthropic system'),
    messages: [
      { role: 'user', content: canaryText(c, 'anthropic first user') },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_canary01', name: TOOL, input: { query: canaryText(c, 'anthropic tool_use') } }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_canary01', content: canaryText(c, 'anthropic tool_result') },
          { type: 'text', text: canaryText(c, 'anthropic user') },
        ],
      },
    ],
    tools: [{ name: TOOL, description: 'Find a customer', input_schema: SCHEMA }],
  };
}

/** Twelve exchanges: 3 shapes × JSON/stream × text/tool call; every other one signed. */
export function canaryRequests(c: Canaries): CanaryRequest[] {
  const shapes = [
    { name: 'chat', path: '/v1/chat/completions', provider: 'openai' as const, build: chat },
    { name: 'responses', path: '/v1/responses', provider: 'openai' as const, build: responses },
    { name: 'messages', path: '/v1/messages', provider: 'anthropic' as const, build: messages },
  ];
  const out: CanaryRequest[] = [];
  for (const shape of shapes) {
    for (const stream of [false, true]) {
      for (const scenario of ['ok', 'tool-call'] as const) {
        out.push({
          label: `${shape.name} ${stream ? 'stream' : 'json'} ${scenario}`,
          path: shape.path,
          body: JSON.stringify(shape.build(c, stream)),
          signed: out.length % 2 === 0,
          scenario,
          stream,
          provider: shape.provider,
        });
      }
    }
  }
  return out;
}
