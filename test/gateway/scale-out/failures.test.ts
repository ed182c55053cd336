// What a scaled-out instance does while PostgreSQL or Redis is away, and that it recovers by itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startPostgres, type PgServer } from '../../helpers/pg-server.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { send, type HttpResult } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import { readSecret, signatureHeaders } from '../body/sign.js';
import { PERMISSIVE, sharedKeyFile, startInstances } from './rig.js';

let pg: PgServer;
let redis: RedisServer;
let fake: FakeProvider;
let key: ReturnType<typeof sharedKeyFile>;
let gw: TestGateway;

before(async () => {
  [pg, redis, fake] = await Promise.all([startPostgres(), startRedis(), startFakeProvider()]);
  key = sharedKeyFile();
  [gw] = await startInstances(1, fake.url, { storeUrl: await pg.createDatabase(), keyFile: key.path, redisUrl: redis.url }, {
    ...PERMISSIVE, auth: { signing: 'optional' },
  });
});
after(async () => {
  await gw?.close();
  await fake.close();
  await redis.destroy();
  pg.destroy();
  key.remove();
});

const codeOf = (r: HttpResult) => (r.json as { error?: { code?: string } } | undefined)?.error?.code;

function chat(content: string, signed = false, app = 'failures-test'): Promise<HttpResult> {
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] });
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: 'Bearer sk-own', 'user-agent': `${app}/1.0` };
  if (signed) Object.assign(headers, signatureHeaders(readSecret(gw.dataDir), 'POST', '/v1/chat/completions', 'application/json', body));
  return send(gw.url, '/v1/chat/completions', { method: 'POST', body, headers });
}

async function shared(): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await send(gw.url, '/healthz/shared');
  return { status: r.status, body: r.json as Record<string, unknown> };
}

test('PostgreSQL away: a request needing a mapping fails closed with 503, audit events wait and are written on return', async () => {
  fake.reset();
  assert.equal((await chat('plain hello')).status, 200);
  await gw.store.audit.flush();
  const flushedBefore = gw.store.stats().auditFlushed;
  pg.stop();
  try {
    const refused = await chat('mail maria.keller@northwind-example.de');
    assert.equal(refused.status, 503);
    // The vault's own fail-closed code: a mapping that cannot be made durable stops the request.
    assert.equal(codeOf(refused), 'GW_ERR_VAULT_UNAVAILABLE');
    assert.equal(fake.requests.length, 1, 'the request needing a mapping was not forwarded');
    // Without a value to map, nothing needs the store on the request path: it is served, its audit queued.
    const served = await chat('nothing secret here');
    assert.equal(served.status, 200);
    await waitUntil(() => gw.store.audit.depth >= 2, 'both audit events queued');
    await waitUntil(() => (gw.store as unknown as { reachable: boolean }).reachable === false, 'health noticing', 5000);
    assert.equal((await shared()).status, 503);
    assert.equal((await shared()).body.store, 'unreachable');
  } finally {
    pg.start();
  }
  await waitUntil(() => gw.store.audit.depth === 0, 'the queued audit events written after the restart', 15_000);
  assert.equal(gw.store.stats().auditFlushed - flushedBefore, 2, 'no audit event lost');
  const back = await chat('mail maria.keller@northwind-example.de');
  assert.equal(back.status, 200, 'recovered without a restart');
  await waitUntil(() => (gw.store as unknown as { reachable: boolean }).reachable, 'health recovering', 5000);
});

test('Redis away: signed requests fail closed, limits fall back per instance, and both recover', async () => {
  assert.equal((await chat('signed before', true)).status, 200);
  await redis.stop();
  try {
    const signed = await chat('signed while away', true);
    assert.equal(signed.status, 503);
    assert.equal(codeOf(signed), 'GW_ERR_NONCE_STORE_UNAVAILABLE');
    const unsigned = await chat('unsigned while away');
    assert.equal(unsigned.status, 200, 'per-instance limits decide meanwhile');
    const health = await shared();
    assert.equal(health.body.redis, 'unreachable');
    assert.ok((health.body.rateLimitFallbacks as number) >= 1);
    const token = readFileSync(join(gw.dataDir, 'admin-token'), 'utf8').trim();
    const metrics = await (await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    const counted = Number(/^aegisgate_rate_limit_fallbacks_total (\d+)$/m.exec(metrics)?.[1]);
    assert.ok(counted >= 1, 'the fallback is a Prometheus counter too');
  } finally {
    await redis.start();
  }
  let status = 0;
  for (let i = 0; i < 100 && status !== 200; i++) {
    status = (await chat(`signed after ${i}`, true)).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(status, 200, 'signed requests accepted again once Redis is back, without a restart');
  assert.equal((await shared()).body.redis, 'ok');
});

test('PostgreSQL restarted during traffic: every exchange is audited, and nothing leaves unscanned', async () => {
  fake.reset();
  const statuses: number[] = [];
  let sent = 0;
  const worker = async () => {
    while (sent < 80) {
      const i = sent++;
      statuses.push((await chat(`turn ${i}: write to person${i}@northwind-example.de`, false, 'restart-test')).status);
    }
  };
  const traffic = Promise.all(Array.from({ length: 4 }, worker));
  await waitUntil(() => sent >= 20, 'traffic under way', 20_000);
  pg.stop();
  await new Promise((r) => setTimeout(r, 300));
  pg.start();
  await traffic;
  assert.equal(statuses.length, 80);
  assert.ok(statuses.every((s) => s === 200 || s === 503), `statuses: ${[...new Set(statuses)].join(', ')}`);
  assert.ok(statuses.some((s) => s === 503), 'the outage was seen by some request');
  for (const r of fake.requests) assert.ok(!/person\d+@northwind-example\.de/.test(r.body.toString('utf8')), 'a value left unscanned');
  assert.equal(fake.requests.length, statuses.filter((s) => s === 200).length, 'only the answered requests were forwarded');
  await waitUntil(() => gw.store.audit.depth === 0, 'the audit queue drained', 15_000);
  const audited = [];
  for await (const e of gw.store.audit.export({})) if (e.client.app === 'restart-test') audited.push(e);
  assert.equal(audited.length, 80, 'one audit event per exchange, none lost across the restart');
});
