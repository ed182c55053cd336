// With the defaults (no managed key, no client key, signing off) auth's onRequest hook and body's
// signature check stay synchronous, never touch the store, and cost little; the per-call cost is
// reported, not asserted.
import assert from 'node:assert/strict';
import { createSecretKey } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientKeyVerifier } from '../../../gateway/auth/client-keys.js';
import { createAuthHooks } from '../../../gateway/auth/hooks.js';
import { ManagedKeys } from '../../../gateway/auth/managed-keys.js';
import { signatureCheck } from '../../../gateway/body/signature-check.js';
import { resolveConfig } from '../../../gateway/config/load.js';
import { ExchangeState } from '../../../gateway/shared/exchange-state.js';
import type { RouteInfo } from '../../../gateway/shared/route.js';
import { openTestStore, tempDir } from '../store/helpers.js';

const N = 100_000;

describe('auth hot path with the defaults', () => {
  it(`runs ${N} requests synchronously without store access; reports ns per call`, async (t) => {
    const store = await openTestStore(t, await tempDir(t));
    let storeCalls = 0;
    const count = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A): R => {
      storeCalls++;
      return fn(...a);
    };
    const clientRepo = { ...store.clientKeys, verify: count((k: string) => store.clientKeys.verify(k)) };
    const providerRepo = { ...store.providerKeys, getProviderKey: count((p: string) => store.providerKeys.getProviderKey(p)) };
    const managedKeys = new ManagedKeys(providerRepo, () => 'openai', 3_600_000);
    await managedKeys.load('openai', performance.now());
    storeCalls = 0;

    // Defaults, but with room for 100k requests from one client in well under a second (same code path).
    const config = resolveConfig({ rateLimit: { requestsPerMinute: 100_000_000, burst: 1_000_000 } }, {}, {});
    const hooks = createAuthHooks({
      config: () => config,
      clientKeys: new ClientKeyVerifier(clientRepo),
      managedKeys,
      touch: count(() => undefined),
    });
    const preHandler = signatureCheck({
      auth: () => config.auth,
      key: createSecretKey(Buffer.alloc(32)),
      nonces: { insertIfAbsent: count(async () => true) },
    });
    const route: RouteInfo = { provider: 'openai', kind: 'openai', shape: 'openai-chat', client: 'openai', prefix: '', explicit: false };
    const raw = new EventEmitter();
    const headers = { 'user-agent': 'bench/1.0', authorization: 'Bearer sk-own', 'content-type': 'application/json', host: '127.0.0.1' };
    const state = new ExchangeState(route, '/v1/chat/completions', { app: 'bench' });
    const req = { routeOptions: { config: { proxy: route } }, headers, exchange: state, method: 'POST', url: '/v1/chat/completions' } as unknown as FastifyRequest;
    const reply = { raw } as unknown as FastifyReply;
    let calls = 0;
    const done = (err?: Error) => {
      if (err) throw err;
      calls++;
    };

    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        hooks.onRequest(req, reply, done);
        preHandler(req, reply, done);
        raw.emit('close');
      }
    };
    const baseline = (n: number) => {
      for (let i = 0; i < n; i++) {
        raw.once('close', () => undefined);
        raw.emit('close');
      }
    };
    run(N / 10);
    baseline(N / 10);
    calls = 0;
    let t0 = performance.now();
    run(N);
    const hookNs = ((performance.now() - t0) * 1e6) / N;
    t0 = performance.now();
    baseline(N);
    const listenerNs = ((performance.now() - t0) * 1e6) / N;

    assert.equal(calls, 2 * N, 'every hook called done synchronously, without an error');
    assert.equal(storeCalls, 0, 'no store access, no touch, no nonce');
    assert.deepEqual(state.client, { app: 'bench' });
    assert.equal(state.credential, undefined);
    assert.equal(raw.listenerCount('close'), 0, 'every slot was released');
    t.diagnostic(`onRequest + preHandler + slot release: ${hookNs.toFixed(0)} ns per request (of which ~${listenerNs.toFixed(0)} ns is the close listener)`);
  });
});
