// Named providers end to end: the real gateway on port 0 between the real OpenAI SDK and recording
// fake upstreams. `/p/{name}` picks a provider, the model map routes and renames, Azure gets its
// deployment path, api-version and api-key, and the audit and metrics name the configured provider.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { postJson, send } from '../../helpers/http.js';

describe('named providers and routing', () => {
  let primary: FakeProvider;
  let second: FakeProvider;
  let azure: FakeProvider;
  let gw: TestGateway;
  const audits: AuditEvent[] = [];

  before(async () => {
    [primary, second, azure] = await Promise.all([startFakeProvider(), startFakeProvider(), startFakeProvider()]);
    gw = await startTestGateway(primary.url, {
      metrics: { open: true },
      providers: {
        second: { kind: 'openai', baseUrl: `${second.url}/api`, headers: { 'HTTP-Referer': 'https://aegis.example' } },
        az: { kind: 'azure-openai', baseUrl: azure.url, apiVersion: '2024-10-21' },
        gemini: { kind: 'openai', baseUrl: `${second.url}/v1beta/openai`, stripV1: true },
      },
      routing: {
        models: [
          { match: 'llama3*', provider: 'second', model: 'llama3.2:8b' },
          { match: 'gpt-4.1', provider: 'az', model: 'prod-gpt41' },
          { match: 'claude-?-haiku', provider: 'second' },
        ],
      },
    });
    gw.app.bus.on('audit', (e) => audits.push(e));
  });
  after(async () => {
    await gw.close();
    await Promise.all([primary.close(), second.close(), azure.close()]);
  });
  beforeEach(() => {
    primary.reset();
    second.reset();
    azure.reset();
    audits.length = 0;
  });

  const sdk = (path: string, apiKey = 'sk-own') => new OpenAI({ baseURL: `${gw.url}${path}`, apiKey, maxRetries: 0 });
  const lastAudit = async (): Promise<AuditEvent> => {
    for (let i = 0; i < 100 && audits.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    return audits.at(-1)!;
  };

  it('the OpenAI SDK through /p/second/v1 reaches the second provider only, with its fixed headers', async () => {
    const chat = await sdk('/p/second/v1').chat.completions.create({ model: 'mistral-small', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(chat.choices[0]!.message.content, 'echo: hello');
    assert.equal(primary.requests.length, 0);
    assert.equal(second.requests.length, 1);
    const seen = second.requests[0]!;
    assert.equal(seen.path, '/api/v1/chat/completions');
    assert.equal(seen.headers['http-referer'], 'https://aegis.example');
    assert.equal(seen.headers.authorization, 'Bearer sk-own');
    const audit = await lastAudit();
    assert.equal(audit.provider, 'second');
    assert.equal(audit.route, '/p/second/v1/chat/completions');
  });

  it('streams through /p/second with a redacted email restored', async () => {
    const stream = await sdk('/p/second/v1').chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'mail ada@example.org' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'echo: mail ada@example.org');
    assert.ok(!second.requests[0]!.body.toString().includes('ada@example.org'), 'the provider never sees the email');
  });

  it('stripV1: an SDK-style base URL (Gemini\'s) gets the path without the client\'s /v1', async () => {
    const chat = await sdk('/p/gemini/v1', 'gemini-key').chat.completions.create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(chat.choices[0]!.message.content, 'echo: hi');
    assert.equal(second.requests[0]!.path, '/v1beta/openai/chat/completions');
    assert.equal(second.requests[0]!.headers.authorization, 'Bearer gemini-key');
  });

  it('an unknown provider is a 404 in the client\'s shape with a stable code, and nothing goes upstream', async () => {
    const chat = await postJson(gw.url, '/p/nope/v1/chat/completions', { model: 'm', messages: [] });
    assert.equal(chat.status, 404);
    assert.deepEqual((chat.json as { error: { code: string } }).error.code, 'GW_ERR_PROVIDER_UNKNOWN');
    const msgs = await postJson(gw.url, '/p/nope/v1/messages', { model: 'm', max_tokens: 1, messages: [] });
    assert.equal(msgs.status, 404);
    assert.equal((msgs.json as { type: string }).type, 'error');
    assert.equal((msgs.json as { error: { code: string } }).error.code, 'GW_ERR_PROVIDER_UNKNOWN');
    // A name the config could not even hold, and the prototype's keys, are unknown too.
    for (const name of ['__proto__', 'constructor', 'UPPER']) {
      const res = await send(gw.url, `/p/${name}/v1/models`);
      assert.equal(res.status, 404, name);
    }
    assert.equal(primary.requests.length + second.requests.length + azure.requests.length, 0);
  });

  it('the model map routes a default-route model to its provider and renames it upstream', async () => {
    const chat = await sdk('/v1').chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(second.requests.length, 1);
    assert.equal((second.requests[0]!.json as { model: string }).model, 'llama3.2:8b');
    // The client sees the model that answered (the upstream's name).
    assert.equal(chat.model, 'llama3.2:8b');
    const audit = await lastAudit();
    assert.equal(audit.provider, 'second');
    assert.equal(audit.model, 'llama3.2');
    // A glob with `?`, no rename: the body goes as it came.
    await sdk('/v1').chat.completions.create({ model: 'claude-3-haiku', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((second.requests[1]!.json as { model: string }).model, 'claude-3-haiku');
    // No entry matches: today's rule.
    await sdk('/v1').chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(primary.requests.length, 1);
    assert.equal(second.requests.length, 2);
  });

  it('an explicit provider route is not rerouted by the model map', async () => {
    await sdk('/openai/v1').chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(primary.requests.length, 1);
    assert.equal((primary.requests[0]!.json as { model: string }).model, 'llama3.2');
    assert.equal(second.requests.length, 0);
  });

  it('Azure receives the deployment path, api-version and the client key as api-key', async () => {
    const chat = await sdk('/v1', 'az-client-key').chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(chat.choices[0]!.message.content, 'echo: hi');
    const seen = azure.requests[0]!;
    assert.equal(seen.path, '/openai/deployments/prod-gpt41/chat/completions?api-version=2024-10-21');
    assert.equal(seen.headers['api-key'], 'az-client-key');
    assert.equal(seen.headers.authorization, undefined);
    assert.equal((await lastAudit()).provider, 'az');
  });

  it('Azure through /p/az uses the model as the deployment and other paths go to its v1 API', async () => {
    await sdk('/p/az/v1', 'k').chat.completions.create({ model: 'my-deployment', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(azure.requests[0]!.path, '/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21');
    await sdk('/p/az/v1', 'k').models.list();
    assert.equal(azure.requests[1]!.path, '/openai/v1/models');
    assert.equal(azure.requests[1]!.headers['api-key'], 'k');
  });

  it('the Anthropic SDK to Azure: translated to Chat Completions on the deployment path, x-api-key moved to api-key', async () => {
    const claude = new Anthropic({ baseURL: `${gw.url}/p/az`, apiKey: 'az-from-anthropic-sdk', maxRetries: 0 });
    const msg = await claude.messages.create({ model: 'my-deployment', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(msg.content, [{ type: 'text', text: 'echo: hi' }]);
    const seen = azure.requests[0]!;
    assert.equal(seen.path, '/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21');
    assert.equal(seen.headers['api-key'], 'az-from-anthropic-sdk');
    assert.equal(seen.headers['x-api-key'], undefined);
    assert.ok(Array.isArray((seen.json as { messages: unknown[] }).messages));
  });

  it('a managed key per provider name: Azure gets it as api-key, the client authenticates with a gateway key', async () => {
    await gw.store.providerKeys.setProviderKey('az', 'az-managed');
    gw.app.bus.emit('providerKey.changed', { provider: 'az', managedKey: true });
    const created = await gw.store.clientKeys.create({ name: 'azure tool', app: 'azure-tool' });
    try {
      const refused = await postJson(gw.url, '/p/az/v1/chat/completions', { model: 'd', messages: [{ role: 'user', content: 'x' }] }, { authorization: 'Bearer az-own' });
      assert.equal(refused.status, 401);
      await sdk('/p/az/v1', created.key).chat.completions.create({ model: 'd', messages: [{ role: 'user', content: 'hi' }] });
      const seen = azure.requests[0]!;
      assert.equal(seen.headers['api-key'], 'az-managed');
      assert.equal(seen.headers.authorization, undefined, 'the gateway client key never goes upstream');
      // The model map's choice uses the chosen provider's key too.
      await sdk('/v1', created.key).chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(azure.requests[1]!.headers['api-key'], 'az-managed');
    } finally {
      await gw.store.providerKeys.clearProviderKey('az');
      gw.app.bus.emit('providerKey.changed', { provider: 'az', managedKey: false });
    }
  });

  it('a rule naming a provider applies to what goes there, by path or by the model map, and nowhere else', async () => {
    const token = readFileSync(join(gw.dataDir, 'admin-token'), 'utf8').trim();
    const created = await postJson(gw.url, '/admin/rules', { match: { category: 'pii', provider: 'second' }, action: 'block', lifetime: { kind: 'always' } }, { authorization: `Bearer ${token}` });
    assert.equal(created.status, 201, created.text);
    const id = (created.json as { rule: { id: string } }).rule.id;
    try {
      const pii = (model: string) => ({ model, messages: [{ role: 'user', content: 'write to ada@example.org' }] });
      for (const [path, model] of [['/p/second/v1/chat/completions', 'm'], ['/v1/chat/completions', 'llama3.2']] as const) {
        const refused = await postJson(gw.url, path, pii(model));
        assert.equal(refused.status, 400, `${path} ${refused.text}`);
        assert.equal((refused.json as { error: { code: string } }).error.code, 'GW_ERR_POLICY_BLOCKED');
      }
      assert.equal(second.requests.length, 0);
      const elsewhere = await postJson(gw.url, '/v1/chat/completions', pii('gpt-4o'));
      assert.equal(elsewhere.status, 200, 'the same request to another provider is only redacted');
    } finally {
      await send(gw.url, `/admin/rules/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    }
  });

  it('metrics label the route by template and the provider by its configured name', async () => {
    await sdk('/p/second/v1').chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    await lastAudit();
    const res = await send(gw.url, '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.text, /aegisgate_requests_total\{route="\/p\/\{provider\}\/v1\/chat\/completions",status="200",provider="second"\}/);
  });
});
