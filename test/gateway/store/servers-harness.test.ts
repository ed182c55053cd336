import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startPostgres, type PgServer } from '../../helpers/pg-server.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';

let pgServer: PgServer;
let redis: RedisServer;
before(async () => {
  [pgServer, redis] = await Promise.all([startPostgres(), startRedis()]);
});
after(async () => {
  pgServer.destroy();
  await redis.destroy();
});

test('each test database is fresh, and a stopped server refuses connections until started again', async () => {
  const a = await pgServer.createDatabase();
  const b = await pgServer.createDatabase();
  assert.notEqual(a, b);
  const client = new pg.Client({ connectionString: a });
  await client.connect();
  await client.query('CREATE TABLE only_in_a (x int)');
  await client.end();
  const other = new pg.Client({ connectionString: b });
  await other.connect();
  const { rows } = await other.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_a'");
  await other.end();
  assert.equal(rows[0].n, 0);

  pgServer.stop();
  await assert.rejects(new pg.Client({ connectionString: a }).connect(), { code: 'ECONNREFUSED' });
  pgServer.start();
  const again = new pg.Client({ connectionString: a });
  await again.connect();
  await again.end();
});

test('redis answers on its port, and comes back empty after a restart', async () => {
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await client.connect();
  assert.equal(await client.set('k', 'v', 'PX', 60_000, 'NX'), 'OK');
  assert.equal(await client.set('k', 'v', 'PX', 60_000, 'NX'), null);
  client.disconnect();
  await redis.stop();
  await redis.start();
  const fresh = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await fresh.connect();
  assert.equal(await fresh.get('k'), null);
  fresh.disconnect();
});
