// Managed provider keys: tools authenticate with a gateway client key in the header they already
// use, the gateway sends the real key upstream, and the real key never reaches the tool, the logs
// or the database (the managed-key part of the canary test).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createLogger } from '../../../gateway/log.js';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, tempDir, type TestGateway } from '../../helpers/gateway.js';
import { postJson, type HttpResult } from '../../helpers/http.js';

const REAL_OPENAI = `sk-proj-CANARY${randomBytes(24).toString('hex')}`;
const REAL_ANTHROPIC = `sk-ant-api03-CANARY${randomBytes(24).toString('hex')}`;
const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const messages = { ...chat, max_tokens: 8 };

describe('managed provider keys', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let dataDir: string;
  let clientKey: string;
  let clientKeyId: string;
  let logs = '';
  /** Everything the tool side received, to search for the real keys at the end. */
  const seenByTool: string[] = [];
  const keep = (r: HttpResult): HttpResult => {
    seenByTool.push(r.text, JSON.stringify(r.headers));
    return r;
  };
  const openaiPost = (headers: Record<string, string>, body: object = chat) => postJson(gateway.url, '/v1/chat/completions', body, headers).then(keep);
  const codeOf = (r: HttpResult) => String(r.headers['x-aegis-error']);

  before(async () => {
    fake = await startFakeProvider();
    dataDir = tempDir();
    gateway = await startTestGateway(fake.url, { log: { level: 'trace' } }, {
      dataDir,
      logger: createLogger('trace', { write: (line: string) => void (logs += line) }),
    });
    await gateway.store.providerKeys.setProviderKey('openai', REAL_OPENAI);
    await gateway.store.providerKeys.setProviderKey('anthropic', REAL_ANTHROPIC);
    gateway.app.bus.emit('providerKey.changed', { provider: 'openai', managedKey: true });
    gateway.app.bus.emit('providerKey.changed', { provider: 'anthropic', managedKey: true });
    const created = await gateway.store.clientKeys.create({ name: 'laptop', app: 'claude-code' });
    clientKey = created.key;
    clientKeyId = created.id;
  });
  after(async () => {
    await gateway.close();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('OpenAI shape: Authorization: Bearer agk_… is swapped for the real key', async () => {
    fake.reset();
    const r = await openaiPost({ authorization: `Bearer ${clientKey}` });
    assert.equal(r.status, 200, r.text);
    const upstream = fake.requests[0]!;
    assert.equal(upstream.headers.authorization, `Bearer ${REAL_OPENAI}`);
    assert.equal(upstream.headers['x-api-key'], undefined);
    assert.ok(!JSON.stringify(upstream.headers).includes(clientKey), 'the client key never goes upstream');
  });

  it('Anthropic shape: x-api-key: agk_… is swapped for the real key', async () => {
    fake.reset();
    const r = keep(await postJson(gateway.url, '/v1/messages', messages, { 'x-api-key': clientKey, 'anthropic-version': '2023-06-01' }));
    assert.equal(r.status, 200, r.text);
    const upstream = fake.requests[0]!;
    assert.equal(upstream.headers['x-api-key'], REAL_ANTHROPIC);
    assert.equal(upstream.headers.authorization, undefined);
    assert.ok(!JSON.stringify(upstream.headers).includes(clientKey));
  });

  it('x-aegis-key works too, and whatever the tool put in its own auth headers is dropped', async () => {
    fake.reset();
    const r = await openaiPost({ 'x-aegis-key': clientKey, authorization: 'Bearer sk-tool-own', 'x-api-key': 'other' });
    assert.equal(r.status, 200);
    assert.equal(fake.requests[0]!.headers.authorization, `Bearer ${REAL_OPENAI}`);
    assert.equal(fake.requests[0]!.headers['x-api-key'], undefined);
  });

  it('the SDKs work with the client key as their API key, streamed and not', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: clientKey, maxRetries: 0 });
    const done = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'managed' }] });
    seenByTool.push(JSON.stringify(done));
    assert.equal(done.choices[0]!.message.content, 'echo: managed');
    const stream = await openai.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'managed' }] });
    let text = '';
    for await (const chunk of stream) {
      seenByTool.push(JSON.stringify(chunk));
      text += chunk.choices[0]?.delta.content ?? '';
    }
    assert.equal(text, 'echo: managed');
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: clientKey, maxRetries: 0 });
    const msg = await anthropic.messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'managed' }] });
    seenByTool.push(JSON.stringify(msg));
    assert.deepEqual(msg.content[0], { type: 'text', text: 'echo: managed' });
  });

  it('upstream errors reach the tool without the real key', async () => {
    for (const scenario of ['status:401', 'status:500', 'status:429']) {
      const r = await openaiPost({ authorization: `Bearer ${clientKey}`, 'x-fake-scenario': scenario });
      assert.equal(r.status, Number(scenario.slice(7)));
    }
  });

  it('refuses requests without a client key, with the tool\'s own provider key, or with an unknown key', async () => {
    fake.reset();
    const none = await openaiPost({});
    assert.equal(none.status, 401);
    assert.equal(codeOf(none), 'GW_ERR_AUTH_REQUIRED');
    assert.equal(codeOf(await openaiPost({ authorization: 'Bearer sk-tool-own' })), 'GW_ERR_AUTH_REQUIRED');
    const anth = keep(await postJson(gateway.url, '/v1/messages', messages, { 'x-api-key': 'sk-ant-tool-own' }));
    assert.equal(anth.status, 401);
    assert.equal((anth.json as { type: string; error: { code: string } }).error.code, 'GW_ERR_AUTH_REQUIRED');
    const unknown = await openaiPost({ authorization: `Bearer agk_${'x'.repeat(43)}` });
    assert.equal(unknown.status, 401);
    assert.equal(codeOf(unknown), 'GW_ERR_AUTH_INVALID_KEY');
    assert.equal(fake.requests.length, 0, 'nothing went upstream');
  });

  it('attributes exchanges to the client key and its app in the audit trail', async () => {
    await gateway.store.audit.flush();
    const { events } = await gateway.store.audit.list({ client: clientKeyId, limit: 5 });
    assert.ok(events.length > 0);
    assert.deepEqual(events[0]!.client, { keyId: clientKeyId, app: 'claude-code' });
  });

  it('a revoked key is refused at once when the admin API announces it', async () => {
    const other = await gateway.store.clientKeys.create({ name: 'revoke-me', app: 'curl' });
    assert.equal((await openaiPost({ authorization: `Bearer ${other.key}` })).status, 200);
    await gateway.store.clientKeys.revoke(other.id);
    gateway.app.bus.emit('clientKey.revoked', { id: other.id });
    const r = await openaiPost({ authorization: `Bearer ${other.key}` });
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'GW_ERR_AUTH_INVALID_KEY');
  });

  it('a key revoked without an event is refused within the cache TTL (about 5 s)', async () => {
    const other = await gateway.store.clientKeys.create({ name: 'revoke-quietly', app: 'curl' });
    assert.equal((await openaiPost({ authorization: `Bearer ${other.key}` })).status, 200);
    await gateway.store.clientKeys.revoke(other.id);
    let status = 200;
    const poll = async () => {
      status = (await openaiPost({ authorization: `Bearer ${other.key}` })).status;
    };
    const started = performance.now();
    while (status === 200 && performance.now() - started < 8000) {
      await poll();
      if (status === 200) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(status, 401);
  });

  it('clearing the managed key returns the provider to passthrough', async () => {
    await gateway.store.providerKeys.clearProviderKey('anthropic');
    gateway.app.bus.emit('providerKey.changed', { provider: 'anthropic', managedKey: false });
    fake.reset();
    const r = keep(await postJson(gateway.url, '/v1/messages', messages, { 'x-api-key': 'sk-ant-tool-own' }));
    assert.equal(r.status, 200);
    assert.equal(fake.requests[0]!.headers['x-api-key'], 'sk-ant-tool-own');
    await gateway.store.providerKeys.setProviderKey('anthropic', REAL_ANTHROPIC);
    gateway.app.bus.emit('providerKey.changed', { provider: 'anthropic', managedKey: true });
  });

  it('a managed key cleared without an event stops applying within the TTL (about 5 s)', async () => {
    await gateway.store.providerKeys.clearProviderKey('openai');
    let upstreamAuth: unknown;
    const started = performance.now();
    while (performance.now() - started < 8000) {
      fake.reset();
      const r = await openaiPost({ authorization: 'Bearer sk-tool-own' });
      upstreamAuth = fake.requests[0]?.headers.authorization;
      if (r.status === 200 && upstreamAuth === 'Bearer sk-tool-own') break;
      await new Promise((res) => setTimeout(res, 250));
    }
    assert.equal(upstreamAuth, 'Bearer sk-tool-own', 'passthrough again once the cache expired');
    await gateway.store.providerKeys.setProviderKey('openai', REAL_OPENAI);
    gateway.app.bus.emit('providerKey.changed', { provider: 'openai', managedKey: true });
  });

  it('never shows the real keys to the tool, in the logs, or in the DB and WAL (before and after close)', async () => {
    const canaries = [REAL_OPENAI, REAL_ANTHROPIC];
    assert.ok(seenByTool.length > 20);
    for (const text of seenByTool) for (const c of canaries) assert.ok(!text.includes(c), 'a response carried a real key');
    assert.ok(logs.length > 0, 'the logger captured something (trace level)');
    for (const c of [...canaries, clientKey]) assert.ok(!logs.includes(c), 'the logs carry a key');

    const assertDbClean = async (when: string) => {
      const files = (await readdir(dataDir)).filter((f) => f.startsWith('aegisgate.db'));
      assert.ok(files.includes('aegisgate.db'));
      for (const file of files) {
        const bytes = await readFile(join(dataDir, file));
        for (const c of [...canaries, clientKey]) {
          for (const form of [Buffer.from(c, 'utf8'), Buffer.from(c, 'utf16le'), Buffer.from(Buffer.from(c).toString('base64'))]) {
            assert.equal(bytes.includes(form), false, `${when}: ${file} contains a key`);
          }
        }
      }
    };
    await gateway.store.audit.flush();
    await assertDbClean('running');
    await gateway.close();
    await assertDbClean('after close');
  });
});
