// Upstream faults: refused, silent, stalling, resetting, rate-limiting, compressing and redirecting
// providers. Failures before the response started become 502/504 in the provider's shape; failures
// mid-stream end the stream with a terminal error event; upstream errors pass through untouched.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { sseEvents } from '../fake-provider/raw-client.js';
import { postJson, send, type HttpResult } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { serveChild, type ServedChild } from '../helpers/child-gateway.js';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';

const TEXT = 'a message long enough to stream';
const CHAT = <S extends boolean = false>(stream?: S) => ({ model: 'm', stream: (stream ?? false) as S, messages: [{ role: 'user' as const, content: TEXT }] });
const MESSAGES = <S extends boolean = false>(stream?: S) => ({ model: 'm', max_tokens: 64, stream: (stream ?? false) as S, messages: [{ role: 'user' as const, content: TEXT }] });
const RESPONSES = (stream = false) => ({ model: 'm', stream, input: TEXT });
const scenario = (s: string) => ({ 'x-fake-scenario': s });

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function gatewayError(res: HttpResult, status: number, code: string, anthropic: boolean, hidden: string[]): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers['x-aegis-error'], code);
  const body = res.json as { type?: string; error: { code: string; message: string } };
  assert.equal(body.error.code, code);
  assert.equal(body.type, anthropic ? 'error' : undefined);
  for (const h of hidden) assert.ok(!res.text.includes(h), `the error body leaks ${h}: ${res.text}`);
  assert.doesNotMatch(res.text, /ECONN|UND_ERR|undici|at .*\.ts:\d+/);
}

/** The terminal error event of a cut stream, in the shape's own form. */
function terminalError(text: string, shape: 'openai' | 'anthropic'): { code: string; message: string } {
  const events = sseEvents(text);
  assert.ok(events.length >= 2, `expected events before the error:\n${text}`);
  const last = events[events.length - 1]!;
  if (shape === 'anthropic') {
    assert.equal(last.event, 'error');
    const body = JSON.parse(last.data) as { type: string; error: { code: string; message: string; type: string } };
    assert.equal(body.type, 'error');
    return body.error;
  }
  assert.equal(last.event, undefined);
  const body = JSON.parse(last.data) as { error: { code: string; message: string; type: string } };
  return body.error;
}

describe('upstream refuses the connection', () => {
  let gw: TestGateway;
  let port: number;
  before(async () => {
    port = await closedPort();
    gw = await startTestGateway(`http://127.0.0.1:${port}`);
  });
  after(() => gw.close());

  it('502 GW_ERR_UPSTREAM_UNREACHABLE in each shape, with no upstream address in it', async () => {
    for (const [path, body, anthropic] of [
      ['/v1/chat/completions', CHAT(), false], ['/v1/chat/completions', CHAT(true), false], ['/v1/responses', RESPONSES(), false],
      ['/v1/messages', MESSAGES(true), true], ['/anthropic/v1/messages', MESSAGES(), true],
    ] as const) {
      gatewayError(await postJson(gw.url, path, body), 502, 'GW_ERR_UPSTREAM_UNREACHABLE', anthropic, [String(port), '127.0.0.1:']);
    }
    const models = await send(gw.url, '/v1/models');
    gatewayError(models, 502, 'GW_ERR_UPSTREAM_UNREACHABLE', false, [String(port)]);
  });

  it('the SDKs surface it as an API error with status 502', async () => {
    const openai = new OpenAI({ apiKey: 'k', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    await assert.rejects(openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.InternalServerError);
      assert.equal(err.status, 502);
      assert.equal(err.code, 'GW_ERR_UPSTREAM_UNREACHABLE');
      return true;
    });
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: gw.url, maxRetries: 0 });
    await assert.rejects(anthropic.messages.create({ model: 'm', max_tokens: 4, messages: [{ role: 'user', content: 'x' }] }), (err: unknown) => {
      assert.ok(err instanceof Anthropic.InternalServerError);
      assert.equal(err.status, 502);
      return true;
    });
  });
});

describe('misbehaving upstreams', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { upstream: { headersTimeoutMs: 300, bodyTimeoutMs: 300 }, limits: { responseBytes: 64 * 1024 } } });
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  const hidden = () => [new URL(rig.openai.url).port, new URL(rig.anthropic.url).port];

  it('no headers ever sent: 504 GW_ERR_UPSTREAM_HEADERS_TIMEOUT, and the upstream request is dropped', async () => {
    gatewayError(await postJson(rig.url, '/v1/chat/completions', CHAT(), scenario('no-headers')), 504, 'GW_ERR_UPSTREAM_HEADERS_TIMEOUT', false, hidden());
    await rig.openai.waitForAbort(0, 2000);
    gatewayError(await postJson(rig.url, '/v1/messages', MESSAGES(true), scenario('no-headers')), 504, 'GW_ERR_UPSTREAM_HEADERS_TIMEOUT', true, hidden());
    await rig.anthropic.waitForAbort(0, 2000);
  });

  const STREAMS = [
    ['/v1/chat/completions', CHAT(true), 'openai', undefined],
    ['/v1/responses', RESPONSES(true), 'openai', 'response.output_text.delta'],
    ['/v1/messages', MESSAGES(true), 'anthropic', 'content_block_delta'],
  ] as const;

  // The three shapes at once: each waits out the body timeout, so in turn they would take three times as long.
  it('a stall mid-stream ends with a terminal error event and closes, in each shape', async () => {
    await Promise.all(STREAMS.map(async ([path, body, shape, deltaType]) => {
      const res = await postJson(rig.url, path, body, scenario('stall-mid-stream'));
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      const events = sseEvents(res.text);
      if (deltaType) assert.ok(events.some((e) => e.event === deltaType), `${path}: the events before the stall arrived`);
      else assert.ok(events.some((e) => e.data.includes('"content":"')), `${path}: the deltas before the stall arrived`);
      const err = terminalError(res.text, shape);
      assert.equal(err.code, 'GW_ERR_UPSTREAM_BODY_TIMEOUT', path);
      assert.doesNotMatch(res.text, /\[DONE\]|message_stop|response\.completed/);
    }));
  });

  for (const [path, body, shape] of STREAMS) {
    it(`a reset mid-stream on ${path} ends with a terminal error event`, async () => {
      const res = await postJson(rig.url, path, body, scenario('reset-mid-stream'));
      assert.equal(res.status, 200);
      const err = terminalError(res.text, shape);
      assert.ok(['GW_ERR_UPSTREAM_UNREACHABLE', 'GW_ERR_STREAM_UPSTREAM_FAILED'].includes(err.code), err.code);
      for (const p of hidden()) assert.ok(!err.message.includes(p));
    });
  }

  it('the SDKs raise on the terminal error event instead of returning a truncated answer', async () => {
    const openai = new OpenAI({ apiKey: 'k', baseURL: `${rig.url}/v1`, maxRetries: 0 });
    let text = '';
    await assert.rejects(async () => {
      const stream = await openai.chat.completions.create({ ...CHAT(true), stream: true }, { headers: scenario('stall-mid-stream') });
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    }, (err: unknown) => err instanceof OpenAI.APIError && /stopped sending/.test(err.message));
    assert.ok(text.length > 0, 'deltas before the stall were delivered');
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: rig.url, maxRetries: 0 });
    await assert.rejects(
      anthropic.messages.stream(MESSAGES(), { headers: scenario('reset-mid-stream') }).finalMessage(),
      (err: unknown) => err instanceof Anthropic.APIError,
    );
  });

  it('a reset while a JSON body is read gives 502', async () => {
    gatewayError(await postJson(rig.url, '/v1/chat/completions', CHAT(), scenario('reset-mid-stream')), 502, 'GW_ERR_UPSTREAM_UNREACHABLE', false, hidden());
  });

  it('a stall while a JSON body is read gives 504 GW_ERR_UPSTREAM_BODY_TIMEOUT', async () => {
    gatewayError(await postJson(rig.url, '/v1/messages', MESSAGES(), scenario('stall-mid-stream')), 504, 'GW_ERR_UPSTREAM_BODY_TIMEOUT', true, hidden());
  });

  it('a JSON response over limits.responseBytes gives 502 GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE', async () => {
    const res = await postJson(rig.url, '/v1/chat/completions', CHAT(), { ...scenario('huge-event'), 'x-fake-huge-bytes': String(200 * 1024) });
    gatewayError(res, 502, 'GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE', false, hidden());
  });

  for (const status of [429, 503]) {
    it(`a ${status} with retry-after passes through with status, body and header`, async () => {
      for (const [path, body, fake] of [['/v1/chat/completions', CHAT(), rig.openai], ['/v1/messages', MESSAGES(), rig.anthropic]] as const) {
        fake.reset();
        const direct = await postJson(fake.url, '/v1/chat/completions'.replace('/chat/completions', path.slice(3)), body, { ...scenario(`status:${status}`), 'x-fake-retry-after': '13' });
        const res = await postJson(rig.url, path, body, { ...scenario(`status:${status}`), 'x-fake-retry-after': '13' });
        assert.equal(res.status, status);
        assert.equal(res.headers['retry-after'], '13');
        assert.equal(res.text, direct.text, 'the upstream body is relayed as is');
        assert.equal(res.headers['x-aegis-error'], undefined, 'not a gateway error');
      }
    });
  }

  for (const status of [400, 401, 404, 500, 529]) {
    it(`an upstream ${status} passes through with its body`, async () => {
      const res = await postJson(rig.url, '/v1/messages', MESSAGES(), scenario(`status:${status}`));
      assert.equal(res.status, status);
      assert.equal((res.json as { type: string }).type, 'error');
      assert.equal(res.headers['x-aegis-error'], undefined);
    });
  }

  it('the SDKs see a 429 as a RateLimitError with the header', async () => {
    const openai = new OpenAI({ apiKey: 'k', baseURL: `${rig.url}/v1`, maxRetries: 0 });
    await assert.rejects(openai.chat.completions.create(CHAT(), { headers: scenario('status:429') }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.RateLimitError, String(err));
      assert.equal(err.headers.get('retry-after'), '7');
      assert.equal(err.code, 'rate_limit_exceeded');
      return true;
    });
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: rig.url, maxRetries: 0 });
    await assert.rejects(anthropic.messages.create(MESSAGES(), { headers: scenario('status:429') }), (err: unknown) => {
      assert.ok(err instanceof Anthropic.RateLimitError, String(err));
      assert.equal(err.headers?.get('retry-after'), '7');
      return true;
    });
  });

  it('a gzip JSON response arrives decoded and correct', async () => {
    for (const [path, body] of [['/v1/chat/completions', CHAT()], ['/v1/messages', MESSAGES()], ['/v1/models', undefined]] as const) {
      const res = await send(rig.url, path, { body, headers: { ...scenario('gzip'), 'accept-encoding': 'gzip' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers['content-encoding'], undefined);
      assert.equal(res.headers['content-length'], String(res.body.length));
      assert.ok(res.json, 'parses as JSON');
    }
    const openai = new OpenAI({ apiKey: 'k', baseURL: `${rig.url}/v1`, maxRetries: 0 });
    const done = await openai.chat.completions.create(CHAT(), { headers: scenario('gzip') });
    assert.equal(done.choices[0]!.message.content, 'echo: a message long enough to stream');
  });

  it('a gzip SSE response arrives decoded, event by event', async () => {
    const res = await postJson(rig.url, '/v1/messages', MESSAGES(true), scenario('gzip,tool-call'));
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    const events = sseEvents(res.text);
    assert.equal(events[0]!.event, 'message_start');
    assert.equal(events[events.length - 1]!.event, 'message_stop');
    const args = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (JSON.parse(e.data) as { delta: { partial_json: string } }).delta.partial_json)
      .join('');
    assert.deepEqual(JSON.parse(args), { echo: 'a message long enough to stream', path: '/tmp/x' });
    const openai = new OpenAI({ apiKey: 'k', baseURL: `${rig.url}/v1`, maxRetries: 0 });
    let text = '';
    const stream = await openai.chat.completions.create({ ...CHAT(true), stream: true }, { headers: scenario('gzip') });
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    assert.equal(text, 'echo: a message long enough to stream');
  });
});

describe('an upstream redirect (gateway as a child process, so a crash shows)', () => {
  let fake: FakeProvider;
  let child: ServedChild;
  before(async () => {
    fake = await startFakeProvider();
    child = await serveChild({ upstreams: { openai: fake.url, anthropic: fake.url } });
  });
  after(async () => {
    await child.stop();
    await fake.close();
  });

  it('gives 502 GW_ERR_UPSTREAM_REDIRECT, is not followed, and the gateway keeps serving', async () => {
    const hidden = [new URL(fake.url).port];
    gatewayError(await postJson(child.url, '/v1/chat/completions', CHAT(), scenario('redirect')), 502, 'GW_ERR_UPSTREAM_REDIRECT', false, hidden);
    gatewayError(await send(child.url, '/anthropic/v1/models', { headers: scenario('redirect') }), 502, 'GW_ERR_UPSTREAM_REDIRECT', true, hidden);
    assert.equal(fake.requests.length, 2);
    assert.ok(fake.requests.every((r) => !r.path.startsWith('/redirected')), 'the Location is not followed');
    const health = await send(child.url, '/healthz');
    assert.equal(health.status, 200);
    assert.doesNotMatch(child.stderr(), /Unhandled|uncaught/i);
  });
});
