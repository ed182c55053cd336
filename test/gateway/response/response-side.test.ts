// The response side in one call (gateway/response/response-side.ts), as the conductor uses it: a
// real HTTP response is relayed through what it returns. Translation's wrap runs outermost, so the
// taps read usage and the restore works on the client's shape; the managed key is masked; the
// redaction header is added; a Responses API reply's id reaches the chain recorder.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { resolveConfig } from '../../../gateway/config/load.js';
import { buildResponseSide, type ResponseSideInput } from '../../../gateway/response/response-side.js';
import type { RelayResult } from '../../../gateway/response/relay.js';
import { ExchangeState } from '../../../gateway/shared/exchange-state.js';
import type { RouteInfo } from '../../../gateway/shared/route.js';
import { translateUpstream } from '../../../gateway/translate/exchange.js';
import type { FlowControl } from '../../../gateway/upstream/call.js';
import { plant, VALUES } from './restore/stream-fixtures.js';

const { session, placeholders } = plant();
const MANAGED_KEY = 'sk-managed-0123456789abcdef';
const limits = resolveConfig().limits;

interface Scenario {
  route: RouteInfo;
  input: Omit<ResponseSideInput, 'route' | 'method' | 'limits'>;
  head: { statusCode: number; headers: IncomingHttpHeaders };
  body: string;
  state?: (state: ExchangeState) => void;
}

/** The scenario each test puts here runs for the next request; what the relay noted comes back in `seen`. */
let scenario: Scenario;
let seen: { state: ExchangeState; result: RelayResult } | undefined;

async function relay(res: ServerResponse, s: Scenario): Promise<void> {
  const state = new ExchangeState(s.route, '/v1/x', { app: 'test' });
  s.state?.(state);
  // No tools offered and no text the guard flags: its policy and confirmations are never reached.
  const { relay: onHead, result } = buildResponseSide({ ...s.input, route: s.route, method: 'POST', limits }, state, res, undefined as never);
  // Filled in place as the relay runs, so it is read once the client has the whole answer.
  seen = { state, result };
  const flow: FlowControl = { pause() {}, resume() {}, abort: (err) => assert.fail(`aborted: ${err.message}`) };
  const sink = onHead(s.head, flow);
  sink.data(Buffer.from(s.body));
  await sink.end();
}

let server: Server;
let url: string;
before(async () => {
  server = createServer((_req, res) => void relay(res, scenario));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const scope = { lookup: session.lookup, restoreStreams: true, restored: [VALUES.EMAIL!], recordChain: undefined, headers: { 'x-aegis-redactions': '1' }, ctx: undefined as never };

test('translated JSON: the client gets its own shape, restored, with the managed key masked and usage read', async () => {
  const route: RouteInfo = { provider: 'openai', kind: 'openai', shape: 'anthropic-messages', client: 'anthropic', prefix: '', explicit: false };
  const request = Buffer.from(JSON.stringify({ model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: `mail ${placeholders.EMAIL}` }] }));
  const translated = translateUpstream(route.shape, route.kind, request, 'gpt-x');
  const upstream = {
    id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-x',
    choices: [{ index: 0, message: { role: 'assistant', content: `Wrote to ${placeholders.EMAIL} with ${MANAGED_KEY}` }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  };
  scenario = {
    route,
    input: { toolsOffered: false, scope, wrap: translated.wrap },
    head: { statusCode: 200, headers: { 'content-type': 'application/json', 'x-echo': MANAGED_KEY } },
    body: JSON.stringify(upstream),
    state: (state) => (state.credential = { header: 'authorization', key: MANAGED_KEY }),
  };
  const res = await fetch(url, { method: 'POST' });
  const doc = (await res.json()) as { type: string; content: { type: string; text: string }[] };
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-aegis-redactions'), '1');
  const echoed = res.headers.get('x-echo');
  assert.ok(echoed !== null && !echoed.includes(MANAGED_KEY), 'the key is masked in headers');
  assert.equal(doc.type, 'message');
  const text = doc.content[0]!.text;
  assert.ok(text.includes(VALUES.EMAIL!) && !text.includes(placeholders.EMAIL!), 'restored');
  assert.ok(!text.includes(MANAGED_KEY), 'the key is masked in the body');
  assert.deepEqual([seen!.state.inputTokens, seen!.state.outputTokens], [3, 4]);
  assert.deepEqual({ status: seen!.result.status, kind: seen!.result.kind }, { status: 200, kind: 'json' });
});

test('a Responses API stream with nothing to rewrite: bytes relayed as they are, usage read, the id recorded', async () => {
  const route: RouteInfo = { provider: 'openai', kind: 'openai', shape: 'openai-responses', client: 'openai', prefix: '', explicit: false };
  const chained: string[] = [];
  const events = [
    { type: 'response.created', response: { id: 'resp_1', status: 'in_progress' } },
    { type: 'response.output_text.delta', delta: 'hi' },
    { type: 'response.completed', response: { id: 'resp_1', status: 'completed', usage: { input_tokens: 5, output_tokens: 2 } } },
  ];
  const body = events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
  scenario = {
    route,
    input: { toolsOffered: false, scope: { ...scope, lookup: undefined, restoreStreams: false, restored: [], headers: undefined, recordChain: (id) => chained.push(id) } },
    head: { statusCode: 200, headers: { 'content-type': 'text/event-stream' } },
    body,
  };
  const res = await fetch(url, { method: 'POST' });
  assert.equal(await res.text(), body);
  assert.equal(res.headers.get('x-aegis-redactions'), null);
  assert.deepEqual(chained, ['resp_1']);
  assert.deepEqual([seen!.state.inputTokens, seen!.state.outputTokens], [5, 2]);
  assert.equal(seen!.result.kind, 'sse');
});
