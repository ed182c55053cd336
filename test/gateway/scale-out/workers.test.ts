// `aegisgate serve --workers 2`: two full instances on one port (node:cluster) that pass the same
// shared-state checks as two separate gateways; without a shared store it refuses to start.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { runCli, serveChild, type ServedChild } from '../../helpers/child-gateway.js';
import { tempDir } from '../../helpers/gateway.js';
import { send } from '../../helpers/http.js';
import { startPostgres, type PgServer } from '../../helpers/pg-server.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { pemKey } from '../confirm-e2e/values.js';
import { sharedKeyFile } from './rig.js';

let pg: PgServer;
let redis: RedisServer;
let fake: FakeProvider;
let key: ReturnType<typeof sharedKeyFile>;
let gw: ServedChild;

before(async () => {
  [pg, redis, fake] = await Promise.all([startPostgres(), startRedis(), startFakeProvider()]);
  key = sharedKeyFile();
  gw = await serveChild({
    upstreams: { openai: fake.url },
    config: { rateLimit: { requestsPerMinute: 10, burst: 10 }, log: { level: 'warn' } },
    startTimeoutMs: 120_000,
    args: ['--workers', '2', '--store', await pg.createDatabase(), '--redis', redis.url, '--master-key-file', key.path],
  });
});
after(async () => {
  await gw?.stop(10_000);
  await fake.close();
  await redis.destroy();
  pg.destroy();
  key.remove();
});

const token = () => readFileSync(join(gw.dataDir, 'admin-token'), 'utf8').trim();
const adminGet = async (path: string) => (await fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${token()}` } })).json();

test('one listening line names both workers; held on one, approved through the port, it completes', async () => {
  const line = JSON.parse(gw.stdout().split('\n')[0]!) as { pids: number[]; workers: number };
  assert.equal(line.workers, 2);
  assert.equal(new Set(line.pids).size, 2);

  const result = fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'user-agent': 'hold-test/1' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `sign with\n${pemKey(4)}` }] }),
  });
  let items: { id: string }[] = [];
  // Each poll may land on either worker: every one of them must list the item.
  for (let i = 0; i < 100 && items.length === 0; i++) {
    items = ((await adminGet('/admin/confirmations')) as { items: { id: string }[] }).items;
    if (items.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(items.length, 1);
  for (let i = 0; i < 4; i++) assert.equal(((await adminGet('/admin/confirmations')) as { items: unknown[] }).items.length, 1);
  const decided = await fetch(`${gw.url}/admin/confirmations/${items[0]!.id}/decision`, {
    method: 'POST', headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'deny' }),
  });
  assert.equal(decided.status, 200);
  assert.equal((await result).status, 400, 'the denied request is refused to its client');
});

test('a shared limit of 10 a minute refuses the 11th request across both workers', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const r = await send(gw.url, '/v1/chat/completions', {
      method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `n${i}` }] }),
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-own', 'user-agent': 'limit-test/1.0' },
    });
    statuses.push(r.status);
  }
  assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
});

test('--workers without a shared store refuses to start and says why', async () => {
  const run = await runCli(['serve', '--workers', '2', '--port', '0', '--data-dir', join(tempDir(), 'd')]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--workers needs a shared store.*--store postgres:\/\//);
});
