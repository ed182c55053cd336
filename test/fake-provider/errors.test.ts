// Error-shaped scenarios: status codes with provider-shaped bodies, redirects, bad scenario names.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type FakeProvider, type Scenario, startFakeProvider } from './index.js';
import { rawRequest } from './raw-client.js';

const CHAT = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('fake provider: error scenarios', () => {
  let fake: FakeProvider;
  let openai: OpenAI;
  let anthropic: Anthropic;
  before(async () => {
    fake = await startFakeProvider();
    openai = new OpenAI({ apiKey: 'k', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('status:429 gives OpenAI clients a rate-limit error with retry-after', async () => {
    fake.setScenario('status:429');
    const err = await openai.chat.completions.create(CHAT).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof OpenAI.RateLimitError);
    assert.equal(err.status, 429);
    assert.equal(err.headers?.get('retry-after'), '7');
    assert.equal(err.code, 'rate_limit_exceeded');
    assert.equal(err.type, 'requests');
  });

  it('html-error answers the status with an HTML page, as a proxy in front of a provider does', async () => {
    const res = await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT, headers: { 'x-fake-scenario': 'status:502,html-error' } });
    assert.equal(res.status, 502);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body.toString(), /<h1>502 from the proxy<\/h1>/);
  });

  it('status:429 gives Anthropic clients an error in Anthropic shape', async () => {
    const err = await anthropic.messages
      .create({ ...CHAT, max_tokens: 10 }, { headers: { 'x-fake-scenario': 'status:429' } })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Anthropic.RateLimitError);
    assert.equal(err.headers?.get('retry-after'), '7');
    assert.deepEqual(err.error, { type: 'error', error: { type: 'rate_limit_error', message: 'Rate limit reached. Please try again in 7s.' } });
  });

  it('any status gets an OpenAI-shaped body with message, type, param and code', async () => {
    const res = await rawRequest(fake.url, '/v1/responses', { body: { model: 'm', input: 'x' }, headers: { 'x-fake-scenario': 'status:503', 'x-fake-retry-after': '2' } });
    assert.equal(res.status, 503);
    assert.equal(res.headers['retry-after'], '2');
    const body = JSON.parse(res.body.toString()) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(body.error.type, 'server_error');
  });

  it('Anthropic overloaded (529) and the shape follows the path', async () => {
    const res = await rawRequest(fake.url, '/v1/messages', { body: {}, headers: { 'x-fake-scenario': 'status:529' } });
    assert.equal(res.status, 529);
    assert.equal(res.headers['retry-after'], undefined);
    assert.deepEqual(JSON.parse(res.body.toString()), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded.' } });
  });

  it('redirect answers 302 with a Location elsewhere', async () => {
    fake.setScenario('redirect');
    const res = await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT });
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, `${fake.url}/redirected/v1/chat/completions`);
  });

  it('the header wins over setScenario, which lasts until changed or reset', async () => {
    fake.setScenario('status:500');
    assert.equal((await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT })).status, 500);
    assert.equal((await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT })).status, 500);
    assert.equal((await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT, headers: { 'x-fake-scenario': 'ok' } })).status, 200);
    fake.reset();
    assert.equal((await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT })).status, 200);
    fake.setScenario('status:404');
    fake.setScenario(undefined);
    assert.equal((await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT })).status, 200);
  });

  it('rejects unknown scenarios and bad tuning headers instead of silently answering ok', async () => {
    assert.throws(() => fake.setScenario('stall' as Scenario), /unknown scenario "stall"/);
    const bad = await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT, headers: { 'x-fake-scenario': 'tool-cal' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.toString(), /unknown scenario/);
    const badNumber = await rawRequest(fake.url, '/v1/messages', { body: CHAT, headers: { 'x-fake-events': 'many' } });
    assert.equal(badNumber.status, 400);
    assert.equal((JSON.parse(badNumber.body.toString()) as { type: string }).type, 'error');
  });
});
