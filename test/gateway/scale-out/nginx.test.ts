// nginx from Debian in front of two gateways sharing PostgreSQL and Redis: requests spread over both,
// and a request held on whichever instance nginx picked is decided through nginx and completes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { freePort } from '../../helpers/free-port.js';
import { send } from '../../helpers/http.js';
import { startNginxLb, type NginxLb } from '../../helpers/nginx-lb.js';
import { startPostgres, type PgServer } from '../../helpers/pg-server.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { pemKey } from '../confirm-e2e/values.js';
import { sharedKeyFile, startInstances } from './rig.js';

let pg: PgServer;
let redis: RedisServer;
let fake: FakeProvider;
let key: ReturnType<typeof sharedKeyFile>;
let gateways: TestGateway[];
let lb: NginxLb;

before(async () => {
  [pg, redis, fake] = await Promise.all([startPostgres(), startRedis(), startFakeProvider()]);
  key = sharedKeyFile();
  // One port on two loopback addresses, as docs/scale-out.md sets them up.
  const shared = { storeUrl: await pg.createDatabase(), keyFile: key.path, redisUrl: redis.url };
  const port = await freePort();
  gateways = await Promise.all(['127.0.0.2', '127.0.0.3'].map(async (host) => (await startInstances(1, fake.url, shared, { host, port }))[0]!));
  lb = await startNginxLb(gateways.map((g) => g.url));
});
after(async () => {
  await lb?.stop();
  await Promise.all(gateways.map((g) => g.close()));
  await fake.close();
  await redis.destroy();
  pg.destroy();
  key.remove();
});

test('requests through nginx reach both instances', async () => {
  const served = gateways.map(() => 0);
  const offs = gateways.map((g, i) => g.app.bus.on('audit', (e) => {
    if (e.client.app === 'lb-test') served[i]!++;
  }));
  for (let i = 0; i < 10; i++) {
    const r = await send(lb.url, '/v1/chat/completions', {
      method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `n${i}` }] }),
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-own', 'user-agent': 'lb-test/1.0' },
    });
    assert.equal(r.status, 200);
  }
  for (const off of offs) off();
  assert.ok(served.every((n) => n > 0), `served per instance: ${served.join(', ')}`);
});

test('a request held behind nginx is decided through nginx and completes', async () => {
  const token = readFileSync(join(gateways[0]!.dataDir, 'admin-token'), 'utf8').trim();
  const auth = { authorization: `Bearer ${token}` };
  const result = fetch(`${lb.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `sign with\n${pemKey(5)}` }] }),
  });
  let items: { id: string }[] = [];
  for (let i = 0; i < 100 && items.length === 0; i++) {
    items = ((await (await fetch(`${lb.url}/admin/confirmations`, { headers: auth })).json()) as { items: { id: string }[] }).items;
    if (items.length === 0) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(items.length, 1);
  // Decide through nginx twice over: whichever instance answers, the first decision wins, the second is a conflict.
  const first = await fetch(`${lb.url}/admin/confirmations/${items[0]!.id}/decision`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'approve_redacted' }),
  });
  assert.equal(first.status, 200);
  const reply = await result;
  assert.equal(reply.status, 200);
  assert.match(await reply.text(), /BEGIN RSA PRIVATE KEY/);
  const second = await fetch(`${lb.url}/admin/confirmations/${items[0]!.id}/decision`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'deny' }),
  });
  assert.equal(second.status, 409);
});
