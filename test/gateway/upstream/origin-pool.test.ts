// The upstream dispatcher's per-origin pool against real local servers: idle connections are reused,
// the cap queues in order, dropped and refused connections are replaced, queued requests can be
// aborted, close drains and destroy fails, and the stats the metrics read add up.
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { Client, type Dispatcher } from 'undici';
import { poolStatsOf } from '../../../gateway/metrics/pool-stats.js';
import { createDispatcher, UpstreamAgent } from '../../../gateway/upstream/dispatcher.js';
import { OriginPool } from '../../../gateway/upstream/origin-pool.js';
import { waitUntil } from '../../helpers/wait.js';

/** A provider stand-in: `/ok` answers at once, `/hold/ID` until released, `/drop` destroys the socket. */
interface Upstream {
  origin: string;
  server: Server;
  /** Connections the server accepted, ever. */
  accepted: number;
  /** Held request ids in the order they arrived. */
  arrived: string[];
  release(id: string): void;
  /** Closes every open connection from the server's side. */
  dropAll(): void;
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  const held = new Map<string, ServerResponse>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const [, kind, id = ''] = (req.url ?? '').split('/');
    if (kind === 'drop') req.socket.destroy();
    else if (kind === 'hold') {
      up.arrived.push(id);
      held.set(id, res);
    } else res.end('ok');
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s: Socket) => {
    up.accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const up: Upstream = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    accepted: 0,
    arrived: [],
    release: (id) => held.get(id)?.end(id),
    dropAll: () => {
      for (const s of sockets) s.destroy();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return up;
}

const CLIENT: Client.Options = { pipelining: 1, keepAliveTimeout: 5000, headersTimeout: 5000, bodyTimeout: 5000 };

async function get(d: Dispatcher, path: string, signal?: AbortSignal): Promise<string> {
  const res = await d.request({ origin: 'http://unused', path, method: 'GET', signal });
  return res.body.text();
}

describe('OriginPool', () => {
  let up: Upstream;
  let pool: OriginPool;
  before(async () => {
    up = await startUpstream();
  });
  afterEach(async () => {
    await pool.destroy();
  });
  after(() => up.close());

  function open(connections: number, options: Client.Options = CLIENT): OriginPool {
    up.accepted = 0;
    up.arrived = [];
    pool = new OriginPool(up.origin, connections, options);
    return pool;
  }

  it('sends sequential requests over one kept-alive connection', async () => {
    open(8);
    for (let i = 0; i < 20; i++) {
      assert.equal(await get(pool, '/ok'), 'ok');
      // undici frees a connection a turn of the event loop after the response (pipelining 1).
      await tick();
    }
    assert.equal(up.accepted, 1);
    await waitUntil(() => pool.stats.free === 1, 'the connection to be free');
    assert.deepEqual(pool.stats, { connected: 1, free: 1, pending: 0, queued: 0, running: 0, size: 0 });
  });

  it('opens a connection per concurrent request and reuses them all afterwards', async () => {
    open(8);
    for (let round = 0; round < 3; round++) {
      const ids = ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}${round}`);
      const replies = ids.map((id) => get(pool, `/hold/${id}`));
      await waitUntil(() => up.arrived.length === 5 * (round + 1), 'five held requests');
      for (const id of ids) up.release(id);
      assert.deepEqual(await Promise.all(replies), ids);
      await waitUntil(() => pool.stats.free === 5, 'all five to be free');
    }
    assert.equal(up.accepted, 5, 'rounds two and three used the first round\'s connections');
  });

  it('queues past the cap, serves the queue in order, and says so through dispatch() and drain', async () => {
    open(2);
    const drains: unknown[][] = [];
    pool.on('drain', (...args: unknown[]) => drains.push(args));
    const replies = ['0', '1', '2', '3', '4'].map((id) => get(pool, `/hold/${id}`));
    await waitUntil(() => up.arrived.length === 2, 'two requests upstream');
    assert.deepEqual(pool.stats, { connected: 2, free: 0, pending: 3, queued: 3, running: 2, size: 5 });
    for (let next = 0; next < 5; next++) {
      await waitUntil(() => up.arrived.length === Math.min(5, next + 2), `request ${next + 1} upstream`);
      up.release(String(next));
    }
    assert.deepEqual(await Promise.all(replies), ['0', '1', '2', '3', '4']);
    assert.deepEqual(up.arrived, ['0', '1', '2', '3', '4'], 'first in, first out');
    assert.equal(up.accepted, 2, 'never more than the cap');
    await waitUntil(() => drains.length === 1, "'drain' once the queue was served");
    assert.equal(drains[0]?.[0] instanceof URL && drains[0][0].origin, up.origin);
    assert.equal((drains[0]?.[1] as unknown[])[0], pool, 'the targets start with the pool, as Pool emits them');
  });

  it('aborts a queued request: it never goes upstream and the queue moves on', async () => {
    open(1);
    const first = get(pool, '/hold/first');
    await waitUntil(() => up.arrived.length === 1, 'the first request upstream');
    const ac = new AbortController();
    const aborted = get(pool, '/hold/aborted', ac.signal);
    const last = get(pool, '/hold/last');
    ac.abort();
    up.release('first');
    await assert.rejects(aborted, { name: 'AbortError' });
    assert.equal(await first, 'first');
    await waitUntil(() => up.arrived.length === 2, 'the last request upstream');
    up.release('last');
    assert.equal(await last, 'last');
    assert.deepEqual(up.arrived, ['first', 'last']);
  });

  it('replaces a dropped connection on the next request', async () => {
    open(1);
    const disconnects: unknown[] = [];
    pool.on('disconnect', (_origin: URL, targets: readonly Dispatcher[]) => disconnects.push(targets[0]));
    assert.equal(await get(pool, '/ok'), 'ok');
    await assert.rejects(get(pool, '/drop'), { code: 'UND_ERR_SOCKET' });
    assert.equal(await get(pool, '/ok'), 'ok');
    assert.equal(up.accepted, 2);
    assert.deepEqual(disconnects, [pool], "'disconnect' forwarded with the pool first among its targets");
  });

  it('closes an idle connection at its keep-alive timeout, and reconnects for the next request', async () => {
    open(4, { ...CLIENT, keepAliveMaxTimeout: 100 });
    const events: string[] = [];
    pool.on('connect', () => events.push('connect')).on('disconnect', () => events.push('disconnect'));
    assert.equal(await get(pool, '/ok'), 'ok');
    await waitUntil(() => events.length === 2, 'the idle connection to time out', 3000);
    assert.equal(pool.stats.connected, 0);
    assert.equal(await get(pool, '/ok'), 'ok');
    assert.deepEqual(events, ['connect', 'disconnect', 'connect']);
    assert.equal(up.accepted, 2);
  });

  it('reconnects after the server closed idle connections', async () => {
    open(4);
    const replies = ['a', 'b'].map((id) => get(pool, `/hold/${id}`));
    await waitUntil(() => up.arrived.length === 2, 'two requests upstream');
    up.release('a');
    up.release('b');
    await Promise.all(replies);
    await waitUntil(() => pool.stats.free === 2, 'both to be free');
    up.dropAll();
    await waitUntil(() => pool.stats.connected === 0, 'both to notice');
    assert.deepEqual(await Promise.all([get(pool, '/ok'), get(pool, '/ok')]), ['ok', 'ok']);
    assert.equal(up.accepted, 4);
  });

  it('fails every queued request once when the origin refuses, with connectionError, and recovers', async () => {
    const gone = await startUpstream();
    const origin = gone.origin;
    await gone.close();
    const p = new OriginPool(origin, 1, CLIENT);
    try {
      let errors = 0;
      p.on('connectionError', (_o: URL, targets: readonly Dispatcher[]) => {
        assert.equal(targets[0], p);
        errors++;
      });
      const results = await Promise.allSettled([get(p, '/ok'), get(p, '/ok'), get(p, '/ok')]);
      for (const r of results) assert.equal(r.status === 'rejected' && (r.reason as { code?: string }).code, 'ECONNREFUSED');
      assert.equal(errors, 3, 'each queued request got a connection of its own to try');
      assert.deepEqual(p.stats, { connected: 0, free: 0, pending: 0, queued: 0, running: 0, size: 0 });
    } finally {
      await p.destroy();
    }
  });

  it('passes the clients their timeouts', async () => {
    open(1, { ...CLIENT, headersTimeout: 150 });
    await assert.rejects(get(pool, '/hold/slow'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    assert.equal(await get(pool, '/ok'), 'ok', 'the pool serves the next request');
  });

  it('close() serves what runs and what is queued, then refuses', async () => {
    open(1);
    const running = get(pool, '/hold/r');
    const queued = get(pool, '/hold/q');
    await waitUntil(() => up.arrived.length === 1, 'the first request upstream');
    const closed = pool.close();
    assert.equal(pool.closed, true);
    await assert.rejects(get(pool, '/ok'), { code: 'UND_ERR_CLOSED' });
    up.release('r');
    await waitUntil(() => up.arrived.length === 2, 'the queued request upstream');
    up.release('q');
    assert.deepEqual(await Promise.all([running, queued]), ['r', 'q']);
    await closed;
    assert.equal(pool.destroyed, true);
    await assert.rejects(get(pool, '/ok'), { code: 'UND_ERR_DESTROYED' });
  });

  it('destroy(err) fails what runs and what is queued with err', async () => {
    open(1);
    const running = get(pool, '/hold/r');
    const queued = get(pool, '/hold/q');
    await waitUntil(() => up.arrived.length === 1, 'the first request upstream');
    const boom = new Error('shutting down');
    const failed = [assert.rejects(running, boom), assert.rejects(queued, boom)];
    await pool.destroy(boom);
    await Promise.all(failed);
    assert.equal(pool.destroyed, true);
  });
});

describe('UpstreamAgent (createDispatcher)', () => {
  let up: Upstream;
  before(async () => {
    up = await startUpstream();
  });
  after(() => up.close());

  const config = { connections: 4, pending: 16, connectTimeoutMs: 1000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000, keepAliveTimeoutMs: 5000, forwardHeaders: [] };

  it('reports each origin\'s pool where the metrics read it, and forwards its events', async () => {
    const agent = createDispatcher(config);
    try {
      assert.ok(agent instanceof UpstreamAgent);
      const connects: unknown[][] = [];
      agent.on('connect', (_o: URL, targets: readonly Dispatcher[]) => connects.push([...targets]));
      const held = agent.request({ origin: up.origin, path: '/hold/x', method: 'GET' });
      await waitUntil(() => up.arrived.includes('x'), 'the request upstream');
      assert.deepEqual(poolStatsOf(agent), { [up.origin]: { connected: 1, free: 0, pending: 0, queued: 0, running: 1, size: 1 } });
      up.release('x');
      assert.equal(await (await held).body.text(), 'x');
      await waitUntil(() => poolStatsOf(agent)[up.origin]?.free === 1, 'the connection to be free');
      assert.equal(connects.length, 1);
      assert.equal(connects[0]?.[0], agent, 'the Agent, then the pool, then the client');
      assert.ok(connects[0]?.[1] instanceof OriginPool);
      assert.ok(connects[0]?.[2] instanceof Client);
    } finally {
      await agent.close();
    }
  });

  it('closes an origin\'s pool once its connections are all gone, and opens a new one on demand', async () => {
    const agent = createDispatcher(config);
    try {
      assert.equal(await (await agent.request({ origin: up.origin, path: '/ok', method: 'GET' })).body.text(), 'ok');
      assert.equal(poolStatsOf(agent)[up.origin]?.connected, 1);
      up.dropAll();
      await waitUntil(() => poolStatsOf(agent)[up.origin] === undefined, 'the idle pool to be closed');
      assert.equal(await (await agent.request({ origin: up.origin, path: '/ok', method: 'GET' })).body.text(), 'ok');
      assert.equal(poolStatsOf(agent)[up.origin]?.connected, 1);
    } finally {
      await agent.close();
    }
  });
});
