// Capacity on paper for docs/scale-out.md, measured: audit inserts/s into PostgreSQL through the
// write-behind queue, and the PostgreSQL transactions and Redis commands one proxied request costs.
// Private servers on 127.0.0.1 (as in the tests), stopped at the end.
// Run: node --import tsx bench/scale-out-capacity.ts
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Redis } from 'ioredis';
import { openPostgresStore } from '../gateway/store/postgres/open.js';
import { deriveKeys } from '../gateway/keys/subkeys.js';
import { startFakeProvider } from '../test/fake-provider/index.js';
import { startPostgres } from '../test/helpers/pg-server.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { auditEvent } from '../test/gateway/store/helpers.js';
import { readSecret, signatureHeaders } from '../test/gateway/body/sign.js';
import { sharedKeyFile, startInstances } from '../test/gateway/scale-out/rig.js';

const EVENTS = 100_000;
const REQUESTS = 500;

const pgServer = await startPostgres();
const redisServer = await startRedis();
const fake = await startFakeProvider();
const key = sharedKeyFile();
try {
  // 1. Audit inserts/s: the queue filled as fast as requests could, drained in 512-event batches.
  const store = await openPostgresStore({ url: await pgServer.createDatabase(), keys: deriveKeys(Buffer.alloc(32, 1)), audit: { capacity: EVENTS } });
  const events = Array.from({ length: EVENTS }, (_, i) => auditEvent({ time: 1_750_000_000_000 + i }));
  const t0 = performance.now();
  for (const e of events) store.audit.enqueue(e);
  await store.audit.flush();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`audit: ${EVENTS} events in ${seconds.toFixed(2)} s = ${Math.round(EVENTS / seconds)} inserts/s (${store.stats().auditBatches} batches)`);
  await store.close();

  // 2. Per request: PostgreSQL transactions and Redis commands, plain and signed, one instance.
  const storeUrl = await pgServer.createDatabase();
  const [gw] = await startInstances(1, fake.url, { storeUrl, keyFile: key.path, redisUrl: redisServer.url }, {
    auth: { signing: 'optional' }, rateLimit: { requestsPerMinute: 1_000_000, burst: 100_000 }, log: { level: 'silent' },
  });
  const redis = new Redis(redisServer.url);
  const db = new pg.Client({ connectionString: storeUrl });
  await db.connect();
  // Round trips only: the commands a script runs inside Redis are counted by commandstats too.
  const INSIDE_SCRIPT = new Set(['hmget', 'hset', 'hincrby', 'pexpire', 'time', 'info']);
  const commands = async () => {
    const info = await redis.info('commandstats');
    return [...info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].filter((m) => !INSIDE_SCRIPT.has(m[1]!)).reduce((n, m) => n + Number(m[2]), 0);
  };
  const commits = async () => Number((await db.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]!.n);
  for (const signed of [false, true]) {
    await gw!.store.audit.flush();
    const [r0, p0] = [await commands(), await commits()];
    for (let i = 0; i < REQUESTS; i++) {
      const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `hello from user${i}.${signed ? 's' : 'u'}@northwind-example.de` }] });
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: 'Bearer sk-own' };
      if (signed) Object.assign(headers, signatureHeaders(readSecret(gw!.dataDir), 'POST', '/v1/chat/completions', 'application/json', body));
      const res = await fetch(`${gw!.url}/v1/chat/completions`, { method: 'POST', headers, body });
      await res.arrayBuffer();
    }
    await gw!.store.audit.flush();
    const [r1, p1] = [await commands(), await commits()];
    // The lease timer's few queries are left in: they are part of running.
    console.log(`${signed ? 'signed  ' : 'unsigned'}: ${((r1 - r0) / REQUESTS).toFixed(2)} Redis round trips/request, ${((p1 - p0 - 1) / REQUESTS).toFixed(2)} PostgreSQL transactions/request (a new email mapped in each)`);
  }
  redis.disconnect();
  await db.end();
  await gw!.close();
} finally {
  await fake.close();
  await redisServer.destroy();
  pgServer.destroy();
  key.remove();
}
