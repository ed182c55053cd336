// Truthful records: a stream the gateway cut (upstream stall or reset, event-size cap, duration cap)
// is audited with the status the client saw, the error code that ended it and the bytes it got, and
// its terminal error event starts on a fresh line, so the SDKs' parsers read it as an error event.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { AuditEvent } from '../../gateway/shared/audit-event.js';
import { sseEvents } from '../fake-provider/raw-client.js';
import { postJson } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';
import { waitUntil } from '../helpers/wait.js';

const CHAT = { model: 'm', stream: true, messages: [{ role: 'user' as const, content: 'a message long enough to stream' }] };
const MESSAGES = { model: 'm', max_tokens: 64, stream: true, messages: [{ role: 'user' as const, content: 'a message long enough to stream' }] };
const scenario = (s: string, more: Record<string, string> = {}) => ({ 'x-fake-scenario': s, ...more });

describe('records and terminal events of cut streams', () => {
  let rig: ProxyRig;
  const audit: AuditEvent[] = [];
  before(async () => {
    rig = await startProxyRig({
      config: { upstream: { bodyTimeoutMs: 300 }, limits: { sseEventBytes: 4096, streamDurationMs: 1000 } },
    });
    rig.gateway.app.bus.on('audit', (e) => audit.push(e));
  });
  after(() => rig.close());
  beforeEach(() => {
    rig.reset();
    audit.length = 0;
  });

  const lastAudit = async () => {
    await waitUntil(() => audit.length > 0, 'the audit event');
    return audit.at(-1)!;
  };

  const CASES = [
    ['an upstream stall', scenario('stall-mid-stream'), ['GW_ERR_UPSTREAM_BODY_TIMEOUT']],
    ['an upstream reset', scenario('reset-mid-stream'), ['GW_ERR_UPSTREAM_UNREACHABLE', 'GW_ERR_STREAM_UPSTREAM_FAILED']],
    // Split into small writes, so the relayed stream is cut in the middle of the huge event's line.
    ['the event-size cap', scenario('huge-event', { 'x-fake-huge-bytes': '20000', 'x-fake-tcp-split': '1500' }), ['GW_ERR_STREAM_EVENT_TOO_LARGE']],
    ['the duration cap', scenario('endless-stream', { 'x-fake-interval-ms': '20' }), ['GW_ERR_STREAM_TOO_LONG']],
  ] as const;

  for (const [what, headers, codes] of CASES) {
    for (const [path, body, shape] of [['/v1/chat/completions', CHAT, 'openai'], ['/v1/messages', MESSAGES, 'anthropic']] as const) {
      it(`${what} on ${path}: the audit row says so, and the terminal event parses`, async () => {
        const res = await postJson(rig.url, path, body, headers);
        assert.equal(res.status, 200);
        const events = sseEvents(res.text);
        const last = events.at(-1)!;
        // The error event is a whole event of its own: the line before it ended, and its data is JSON.
        assert.match(res.text, /(^|\n\n)(event: error\n)?data: \{[^\n]*\}\n\n$/, `terminal event on a fresh line:\n${res.text.slice(-300)}`);
        const parsed = JSON.parse(last.data) as { error: { code: string } };
        if (shape === 'anthropic') assert.equal(last.event, 'error');
        assert.ok((codes as readonly string[]).includes(parsed.error.code), parsed.error.code);
        const row = await lastAudit();
        assert.equal(row.status, 200, 'the status the client saw');
        assert.equal(row.errorCode, parsed.error.code);
        assert.equal(row.bytes.out, res.body.length, 'bytes out are what the client received');
      });
    }
  }

  it('the SDKs raise the terminal event of a relayed stream cut mid-line by the event-size cap', async () => {
    const openai = new OpenAI({ apiKey: 'k', baseURL: `${rig.url}/v1`, maxRetries: 0 });
    await assert.rejects(async () => {
      const stream = await openai.chat.completions.create({ ...CHAT, stream: true }, { headers: scenario('huge-event', { 'x-fake-huge-bytes': '20000', 'x-fake-tcp-split': '1500' }) });
      for await (const c of stream) void c;
    }, (err: unknown) => err instanceof OpenAI.APIError && /GW_ERR_STREAM_EVENT_TOO_LARGE/.test(JSON.stringify(err.error ?? err.message) + String(err.code)));
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: rig.url, maxRetries: 0 });
    await assert.rejects(
      anthropic.messages.stream({ ...MESSAGES, stream: undefined }, { headers: scenario('huge-event', { 'x-fake-huge-bytes': '20000', 'x-fake-tcp-split': '1500' }) }).finalMessage(),
      (err: unknown) => err instanceof Anthropic.APIError && /GW_ERR_STREAM_EVENT_TOO_LARGE/.test(JSON.stringify(err.error)),
    );
  });

  it('a finished stream is audited 200 with its bytes and no error code', async () => {
    const res = await postJson(rig.url, '/v1/chat/completions', CHAT);
    assert.equal(res.status, 200);
    const row = await lastAudit();
    assert.equal(row.errorCode, undefined);
    assert.equal(row.bytes.out, res.body.length);
  });
});

describe('a drain past the grace period', () => {
  it('ends running streams with an error event naming GW_ERR_SHUTTING_DOWN, and audits them so', async () => {
    const rig = await startProxyRig({ config: { server: { shutdownGraceMs: 200 } } });
    const audit: AuditEvent[] = [];
    rig.gateway.app.bus.on('audit', (e) => audit.push(e));
    try {
      const endless = scenario('endless-stream', { 'x-fake-interval-ms': '20' });
      const chat = postJson(rig.url, '/v1/chat/completions', CHAT, endless);
      const messages = postJson(rig.url, '/v1/messages', MESSAGES, endless);
      await waitUntil(() => rig.openai.requests.length + rig.anthropic.requests.length === 2, 'both streams to start');
      await rig.gateway.close();
      for (const [res, anthropic] of [[await chat, false], [await messages, true]] as const) {
        assert.equal(res.status, 200);
        const last = sseEvents(res.text).at(-1)!;
        assert.equal(last.event, anthropic ? 'error' : undefined);
        assert.equal((JSON.parse(last.data) as { error: { code: string } }).error.code, 'GW_ERR_SHUTTING_DOWN');
        assert.match(res.text, /\n\n(event: error\n)?data: \{[^\n]*\}\n\n$/);
      }
      await waitUntil(() => audit.length === 2, 'both audit events');
      assert.deepEqual(audit.map((e) => e.errorCode), ['GW_ERR_SHUTTING_DOWN', 'GW_ERR_SHUTTING_DOWN']);
      assert.deepEqual(audit.map((e) => e.status), [200, 200]);
    } finally {
      await rig.close();
    }
  });
});
