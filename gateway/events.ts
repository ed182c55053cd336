import type { ProviderName } from './shared/shape.js';
import type { AuditEvent } from './shared/audit-event.js';
import type { FileReload } from './config/runtime.js';
import type { GatewayConfig } from './config/schema.js';
import type { PendingEvent, PendingRetriedEvent, PendingRevealedEvent, PendingSettledEvent } from './confirm/types.js';
import type { MetricsSecond } from './metrics/series-schema.js';

/**
 * Everything the gateway announces in-process. Electron main (tray badge, notifications) and the
 * admin event stream subscribe here; nothing on the request path waits for a listener.
 * Later issues add their events to this map (pending confirmations).
 */
export interface GatewayEvents {
  /** One per finished exchange, after it was queued for the audit store. */
  audit: AuditEvent;
  /** A background store task (audit flush, checkpoint, pruning) failed; the message holds no values. */
  'store.error': { message: string };
  /** The runtime configuration changed (admin API); listeners apply what they own. */
  'config.changed': GatewayConfig;
  /** The `--config` file changed and was re-read: applied (with what needs a restart or is shadowed) or rejected (with the field). */
  'config.file': FileReload;
  /** Once a second: the second that just ended (admin event stream, Electron's tray). */
  'metrics.tick': MetricsSecond;
  /** A managed provider key was stored or removed (admin API); the auth plugin refreshes its state. */
  'providerKey.changed': { provider: ProviderName; managedKey: boolean };
  /** A client key was revoked (admin API); caches of verified keys drop it. */
  'clientKey.revoked': { id: string };
  /** A client key's preset changed (admin API); caches of verified keys drop it so the next request reads it. */
  'clientKey.changed': { id: string };
  /** The user's rules changed through the admin API (or a remembered decision); the dashboard reloads them. */
  'rules.changed': { change: 'created' | 'updated' | 'deleted' | 'remembered'; id?: string };
  /** A confirmation is held (durable) and waits for the user. */
  'pending.added': PendingEvent;
  /** The user approved or denied it (`outcome` says which); durable before this fires. */
  'pending.decided': PendingSettledEvent;
  /** Nobody decided in time: the timeout default was applied once, and no rule was created. */
  'pending.expired': PendingSettledEvent;
  /** The client went away while it was held; it is never forwarded. */
  'pending.abandoned': PendingSettledEvent;
  /** Shutdown settled it as cancelled. */
  'pending.cancelled': PendingSettledEvent;
  /** The user touched it in a UI; `pending.expiresAt` is the new deadline. */
  'pending.touched': PendingEvent;
  /** Someone revealed its full text (the event says who, never the text). */
  'pending.revealed': PendingRevealedEvent;
  /** An identical retry joined it while held, or got its decision afterwards (`pending.retries` counts them). */
  'pending.retried': PendingRetriedEvent;
}

type Listener<T> = (payload: T) => void;
/** A box per registration, so subscribing the same function twice gives two independent unsubscribes. */
interface Registration {
  readonly fn: Listener<never>;
}

/** A typed, synchronous event bus. A throwing listener is reported, never propagated to the emitter. */
export class EventBus<Events extends object = GatewayEvents> {
  readonly #listeners = new Map<keyof Events, Set<Registration>>();
  readonly #onListenerError: (err: unknown, event: keyof Events) => void;

  constructor(onListenerError: (err: unknown, event: keyof Events) => void = () => undefined) {
    this.#onListenerError = onListenerError;
  }

  /** Subscribes; returns the unsubscribe for exactly this registration. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    const entry: Registration = { fn: listener as Listener<never> };
    set.add(entry);
    return () => void set.delete(entry);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const { fn } of set) {
      try {
        (fn as Listener<Events[K]>)(payload);
      } catch (err) {
        this.#onListenerError(err, event);
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}
