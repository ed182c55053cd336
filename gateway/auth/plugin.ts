import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { RuntimeConfig } from '../config/runtime.js';
import type { Store } from '../store/types.js';
import { ClientKeyVerifier } from './client-keys.js';
import { createAuthHooks, type AuthHooks, type AuthParts } from './hooks.js';
import { ManagedKeys } from './managed-keys.js';

export interface AuthPluginOptions {
  store: Store;
  config: RuntimeConfig;
  /** Scale-out: rate limits shared through Redis. */
  shared?: AuthParts['shared'];
}

const noop = () => undefined;

declare module 'fastify' {
  interface FastifyInstance {
    /** Moves an exchange's credential to the provider the model map chose (see AuthHooks.switchProvider). */
    switchProvider: AuthHooks['switchProvider'];
  }
}

/**
 * Client authentication on proxy routes, in onRequest: managed provider keys, gateway client keys,
 * per-client rate and concurrency limits. Registered after the boundary plugin, so foreign hosts,
 * browsers and wrong methods are refused before any key is looked at; the HMAC request signature is
 * body/'s, checked once the body is read. Caches follow the admin API's change events and expire on
 * short TTLs, so they are right even when an event is missed.
 */
async function auth(app: FastifyInstance, opts: AuthPluginOptions): Promise<void> {
  const { store, config } = opts;
  const clientKeys = new ClientKeyVerifier(store.clientKeys);
  const managedKeys = new ManagedKeys(store.providerKeys, (name) => config.current.providers[name]?.kind ?? 'openai');
  // Warm the managed-key cache so the first request does not wait for it.
  await Promise.all(Object.keys(config.current.providers).map((p) => managedKeys.load(p, performance.now()).catch(noop)));

  const hooks = createAuthHooks({
    config: () => config.current,
    clientKeys,
    managedKeys,
    touch: (id) => void store.clientKeys.touch(id).catch(noop),
    shared: opts.shared,
  });
  const unsubscribe = [
    app.bus.on('providerKey.changed', ({ provider }) => managedKeys.invalidate(provider)),
    app.bus.on('clientKey.revoked', ({ id }) => clientKeys.revoke(id)),
    app.bus.on('clientKey.changed', ({ id }) => clientKeys.revoke(id)),
    // A provider's kind decides its credential header; a config change may change it.
    config.onChange(() => managedKeys.invalidate()),
  ];
  app.addHook('onClose', async () => {
    for (const off of unsubscribe) off();
  });
  app.decorate('switchProvider', hooks.switchProvider);
  app.addHook('onRequest', hooks.onRequest);
}

export const authPlugin = fp(auth, { name: 'aegis-auth', fastify: '5.x', dependencies: ['aegis-admission', 'aegis-boundary'] });
