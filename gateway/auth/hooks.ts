import { performance } from 'node:perf_hooks';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ProviderName } from '../shared/shape.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import type { ExchangeState } from '../shared/exchange-state.js';
import type { ClientKeyRecord } from '../store/types.js';
import type { ClientKeyVerifier } from './client-keys.js';
import { ClientLimits, type RateLimits } from './client-limits.js';
import type { ManagedKeys, ManagedState } from './managed-keys.js';
import { presentedKey } from './presented-key.js';

export interface AuthParts {
  /** The live configuration, read per request. */
  config: () => GatewayConfig;
  clientKeys: ClientKeyVerifier;
  managedKeys: ManagedKeys;
  /** Records a use of a client key; not awaited. */
  touch: (id: string) => void;
  /** Monotonic milliseconds (performance.now()). */
  now?: () => number;
  /** Scale-out: limits shared by every instance (Redis); per-instance buckets while it is unreachable. */
  shared?: {
    acquire(client: string, limits: RateLimits): Promise<() => void>;
    /** Called each time Redis failed and the local buckets decided instead. */
    onFallback(err: unknown): void;
  };
}

type Hook = (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * The auth steps as one hook, `onRequest` (before the body is read): which key the provider needs,
 * the client key, then the client's rate and concurrency limits. (The HMAC signature is over the
 * body, so body/ checks it once the body is read.) With the defaults (no managed key, no client key)
 * a request costs a few property reads, one clock read and its limits, all synchronous.
 */
export interface AuthHooks {
  onRequest: Hook;
  /**
   * The exchange moves to `provider` (the model map chose it after the body was read): its managed
   * key replaces the route's, and a managed provider needs a gateway client key, verified here
   * when the route's provider did not already ask for one.
   */
  switchProvider(req: FastifyRequest, provider: ProviderName): Promise<void>;
}

export function createAuthHooks(parts: AuthParts): AuthHooks {
  const { clientKeys, managedKeys } = parts;
  const clock = parts.now ?? (() => performance.now());
  const byKey = new ClientLimits(clock());
  const byApp = new ClientLimits(clock());

  function identify(state: ExchangeState, record: ClientKeyRecord, managed: ManagedState): void {
    state.client = { keyId: record.id, app: record.app || record.name, ...(record.preset === undefined ? {} : { preset: record.preset }) };
    state.credential = managed.credential;
    parts.touch(record.id);
  }

  /** Who the client is and which credential goes upstream; a promise only when the store must be asked. */
  function authenticate(req: FastifyRequest, state: ExchangeState, managed: ManagedState, auth: GatewayConfig['auth'], now: number): void | Promise<void> {
    const isManaged = managed.credential !== undefined;
    const key = presentedKey(req.headers, isManaged);
    if (key === undefined) {
      // The relay endpoint has no provider key convention of its own: it always names its client.
      if (isManaged || auth.requireClientKey || state.route.relay) throw new GatewayError('GW_ERR_AUTH_REQUIRED');
      return;
    }
    const record = clientKeys.verify(key, auth.failedPerMinute, now, { app: state.client.app, globalPerMinute: auth.failedPerMinuteGlobal });
    if (record instanceof Promise) return record.then((r) => identify(state, r, managed));
    identify(state, record, managed);
  }

  /** Takes a request slot for the client (key id, else app), released when its connection closes. */
  function limit(reply: FastifyReply, state: ExchangeState, rate: RateLimits, now: number): void | Promise<void> {
    const { keyId, app } = state.client;
    const name = keyId === undefined ? `app:${app}` : `key:${keyId}`;
    const local = () => {
      const table = keyId === undefined ? byApp : byKey;
      const slot = table.acquire(keyId ?? app, rate, now);
      reply.raw.once('close', () => table.release(slot));
    };
    const { shared } = parts;
    if (shared === undefined) return local();
    return shared.acquire(name, rate).then(
      (release) => void reply.raw.once('close', release),
      (err: unknown) => {
        if (err instanceof GatewayError) throw err;
        shared.onFallback(err);
        local();
      },
    );
  }

  function managedState(req: FastifyRequest, provider: ProviderName, now: number): ManagedState | Promise<ManagedState> {
    return managedKeys.peek(provider, now) ?? managedKeys.load(provider, now).catch((err: unknown) => {
      req.log.error({ err, provider }, 'managed provider key could not be read');
      throw new GatewayError('GW_ERR_PROVIDER_KEY_MISSING', undefined, { cause: err });
    });
  }

  const onRequest: Hook = (req, reply, done) => {
    const state = req.exchange;
    if (state === undefined) return done();
    const route = state.route;
    const config = parts.config();
    const now = clock();
    let pending: void | Promise<void>;
    try {
      const managed = managedState(req, route.provider, now);
      pending = managed instanceof Promise
        ? managed.then((m) => authenticate(req, state, m, config.auth, now))
        : authenticate(req, state, managed, config.auth, now);
      if (pending === undefined) {
        const limited = limit(reply, state, config.rateLimit, now);
        if (limited === undefined) return done();
        limited.then(() => done(), done);
        return;
      }
    } catch (err) {
      return done(err as Error);
    }
    pending.then(() => limit(reply, state, parts.config().rateLimit, clock())).then(() => done(), done);
  };

  const switchProvider = async (req: FastifyRequest, provider: ProviderName): Promise<void> => {
    const state = req.exchange!;
    const now = clock();
    const managed = await managedState(req, provider, now);
    if (managed.credential === undefined || state.client.keyId !== undefined) {
      state.credential = managed.credential;
      return;
    }
    await authenticate(req, state, managed, parts.config().auth, now);
  };

  return { onRequest, switchProvider };
}
