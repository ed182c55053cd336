// Idle and excess connections: a socket that never sends a request is closed after
// server.idleTimeoutMs; past server.maxConnections new connections are closed at once and counted,
// while a client already connected keeps being served and new clients get in once idle ones go.
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { defaultMaxConnections } from '../../gateway/boundary/connections.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';
import { get, idleSocket, metric } from '../helpers/connections.js';
import { waitUntil } from '../helpers/wait.js';

const CAP = 20;

describe('idle and excess client connections', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { server: { maxConnections: CAP, idleTimeoutMs: 1500 }, metrics: { open: true } } });
  });
  after(() => rig.close());

  it('many idle sockets against a small cap: the excess is closed at once and counted, a connected client is served, idle ones time out', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // A legitimate client, connected before the flood.
      assert.equal((await get(rig.url, '/v1/models', agent)).status, 200);
      const idle = await Promise.all(Array.from({ length: CAP * 2 }, () => idleSocket(rig.url)));
      await waitUntil(() => idle.filter((s) => s.closed()).length >= CAP, 'the connections past the cap to be closed', 3000);
      const metrics = await get(rig.url, '/metrics', agent);
      assert.ok(metric(metrics.text, 'aegisgate_client_connections_dropped_total') >= CAP, metrics.text);
      assert.equal(metric(metrics.text, 'aegisgate_client_connections_open'), CAP);
      // The connected client keeps working while the cap is full.
      assert.equal((await get(rig.url, '/v1/models', agent)).status, 200);
      // The idle ones are closed by the idle timeout; then a new client gets in.
      await waitUntil(() => idle.every((s) => s.closed()), 'the idle connections to be closed', 10_000);
      assert.equal((await get(rig.url, '/v1/models', false)).status, 200);
      const after = await get(rig.url, '/metrics', agent);
      assert.ok(metric(after.text, 'aegisgate_client_connections_idle_closed_total') >= CAP - 1, after.text);
    } finally {
      agent.destroy();
    }
  });

  it('the default cap follows the descriptor limit, leaving room for upstream sockets and the store', () => {
    assert.equal(defaultMaxConnections(1024), 480);
    assert.equal(defaultMaxConnections(256), 96);
    assert.equal(defaultMaxConnections(20), 16);
  });
});
