// Logs never carry credentials or bodies: a child gateway at the chattiest level sees requests of
// every kind (served, streamed, refused, failed upstream) with canary credentials and body text,
// and its stderr contains none of them.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { serveChild, type ServedChild } from '../helpers/child-gateway.js';
import { postJson, send } from '../helpers/http.js';

const BEARER = 'sk-canary-bearer-9f8e7d6c5b4a';
const API_KEY = 'sk-ant-canary-apikey-1a2b3c4d';
const BODY_TEXT = 'body-canary-text-ZQXJ-0042';
const SECRET_HEADERS = {
  authorization: `Bearer ${BEARER}`,
  'x-api-key': API_KEY,
  cookie: `session=${BEARER}`,
  'proxy-authorization': `Basic ${API_KEY}`,
};
const CANARIES = [BEARER, API_KEY, BODY_TEXT];

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe('logs', () => {
  let fake: FakeProvider;
  let child: ServedChild;
  before(async () => {
    fake = await startFakeProvider();
    // openai → the fake; anthropic → nobody, so upstream failures get logged too if they are logged at all.
    child = await serveChild({
      upstreams: { openai: fake.url, anthropic: `http://127.0.0.1:${await closedPort()}` },
      config: { log: { level: 'trace' } },
    });
  });
  after(async () => {
    await child.stop();
    await fake.close();
  });

  it('contain neither the credentials nor the body text, whatever happened to the request', async () => {
    const chat = { model: 'm', messages: [{ role: 'user', content: BODY_TEXT }] };
    const h = SECRET_HEADERS;
    const results = [
      await postJson(child.url, '/v1/chat/completions', chat, h),
      await postJson(child.url, '/v1/chat/completions', { ...chat, stream: true }, h),
      await postJson(child.url, '/v1/chat/completions', { ...chat, stream: true }, { ...h, 'x-fake-scenario': 'reset-mid-stream' }),
      await postJson(child.url, '/v1/chat/completions', chat, { ...h, 'x-fake-scenario': 'status:500' }),
      await postJson(child.url, '/v1/messages', { ...chat, max_tokens: 1 }, h),
      await postJson(child.url, '/v1/chat/completions', `{"content":"${BODY_TEXT}",`, h),
      await postJson(child.url, '/v1/chat/completions', `{"__proto__":{"x":"${BODY_TEXT}"}}`, h),
      await postJson(child.url, '/v1/chat/completions', chat, { ...h, origin: 'https://evil.example' }),
      await postJson(child.url, '/v1/chat/completions', chat, { ...h, host: 'evil.example' }),
      await postJson(child.url, '/v1/chat/completions', chat, { ...h, 'x-aegis-hop': 'loop' }),
      await send(child.url, `/nope?q=${BODY_TEXT}`, { headers: h }),
      await send(child.url, '/v1/chat/completions', { method: 'POST', body: BODY_TEXT, headers: { ...h, 'content-type': 'text/plain' } }),
    ];
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 500, 502, 400, 400, 403, 403, 508, 404, 415]);
    // Let the asynchronous log destination flush by stopping the process.
    const exit = await child.stop();
    assert.equal(exit.code, 0);
    const stderr = child.stderr();
    assert.ok(stderr.length > 0, 'the gateway did log');
    for (const canary of CANARIES) assert.ok(!stderr.includes(canary), `stderr contains ${canary}:\n${stderr}`);
    assert.equal(child.stdout().split('\n').filter(Boolean).length, 1, 'stdout holds only the listening line');
  });
});
