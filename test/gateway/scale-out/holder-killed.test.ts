// kill -9 of the instance holding a confirmation: every other instance shows it abandoned within the
// lease, and a late decision is a conflict. A is a real child process (the CLI), B in-process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PendingView } from '../../../gateway/confirm/types.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { serveChild, type ServedChild } from '../../helpers/child-gateway.js';
import { startPostgres, type PgServer } from '../../helpers/pg-server.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { waitUntil } from '../../helpers/wait.js';
import { pemKey } from '../confirm-e2e/values.js';
import { admin, sharedKeyFile, startInstances } from './rig.js';

const LEASE_SEC = 2;
let pg: PgServer;
let redis: RedisServer;
let fake: FakeProvider;
let key: ReturnType<typeof sharedKeyFile>;
let a: ServedChild;
let b: TestGateway;

before(async () => {
  [pg, redis, fake] = await Promise.all([startPostgres(), startRedis(), startFakeProvider()]);
  key = sharedKeyFile();
  const storeUrl = await pg.createDatabase();
  [b] = await startInstances(1, fake.url, { storeUrl, keyFile: key.path, redisUrl: redis.url });
  a = await serveChild({
    upstreams: { openai: fake.url },
    config: { store: { leaseSec: LEASE_SEC }, log: { level: 'warn' } },
    args: ['--store', storeUrl, '--redis', redis.url, '--master-key-file', key.path],
  });
});
after(async () => {
  await a?.stop(1000);
  await b?.close();
  await fake.close();
  await redis.destroy();
  pg.destroy();
  key.remove();
});

test('kill -9 of the holder: the item becomes abandoned on B within the lease, and a late decision gets 409', async () => {
  const held = fetch(`${a.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `sign with\n${pemKey(3)}` }] }),
  }).catch((err: unknown) => err);
  let item: PendingView | undefined;
  await waitUntil(() => (item = b.app.confirmations.list()[0]) !== undefined, 'B lists the item held on A', 10_000);

  const abandoned = new Promise<number>((resolve) => {
    const off = b.app.bus.on('pending.abandoned', ({ pending }) => {
      if (pending.id !== item!.id) return;
      off();
      resolve(performance.now());
    });
  });
  a.proc.kill('SIGKILL');
  const killedAt = performance.now();
  await a.exited;
  assert.ok(await held instanceof Error, 'the client lost its connection with A');
  const after = (await abandoned) - killedAt;
  // The lease, plus one sweep interval (a quarter lease) and some scheduling slack.
  assert.ok(after < LEASE_SEC * 1000 * 1.5 + 500, `abandoned ${after.toFixed(0)} ms after the kill`);
  assert.deepEqual(b.app.confirmations.list(), []);
  assert.equal((await b.store.pending.get(item!.id))?.status, 'abandoned');
  const late = await admin(b, `/admin/confirmations/${item!.id}/decision`, { decision: 'approve_redacted' });
  assert.equal(late.status, 409);
  assert.equal(fake.requests.length, 0, 'nothing was forwarded');
});
