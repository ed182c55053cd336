import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent, Pool } from 'undici';
import { poolStatsOf } from '../../../gateway/metrics/pool-stats.js';
import { waitUntil } from '../../helpers/wait.js';

describe('poolStatsOf', () => {
  let server: Server;
  let origin: string;
  before(async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** One request, then until undici has marked the connection idle again (it does so a tick later). */
  async function oneRequest(agent: Agent): Promise<void> {
    const res = await agent.request({ origin, path: '/', method: 'GET' });
    await res.body.text();
    await waitUntil(() => poolStatsOf(agent)[origin]?.free === 1, 'the connection to be free');
  }

  it('reports each origin of an Agent: a kept-alive connection, free after the request', async () => {
    const agent = new Agent({ connections: 4 });
    try {
      assert.deepEqual(poolStatsOf(agent), {});
      await oneRequest(agent);
      assert.deepEqual(poolStatsOf(agent), { [origin]: { connected: 1, free: 1, pending: 0, queued: 0, running: 0, size: 0 } });
    } finally {
      await agent.close();
    }
  });

  it('maps a single-connection Agent (undici Clients) to the same shape', async () => {
    const agent = new Agent({ connections: 1 });
    try {
      await oneRequest(agent);
      assert.deepEqual(poolStatsOf(agent), { [origin]: { connected: 1, free: 1, pending: 0, queued: 0, running: 0, size: 0 } });
    } finally {
      await agent.close();
    }
  });

  it('yields nothing for a dispatcher without per-origin stats, or none at all', async () => {
    const pool = new Pool(origin);
    try {
      assert.deepEqual(poolStatsOf(pool), {});
      assert.deepEqual(poolStatsOf(undefined), {});
    } finally {
      await pool.close();
    }
  });
});
