import type { ProviderName } from './shared/shape.js';
import type { AuditEvents } from './audit/recorder.js';
import type { ConfigFileEvents } from './config/file-reload.js';
import type { GatewayConfig } from './config/schema.js';
import type { ConfirmEvents } from './confirm/types.js';
import type { MetricsSecond } from './metrics/series-schema.js';
import { TypedBus } from './shared/bus.js';

/**
 * Everything the gateway announces in-process. Electron main (tray badge, notifications) and the
 * admin event stream subscribe here; nothing on the request path waits for a listener.
 * Modules below this file (audit, config, confirm) declare the events they emit or hear as their own
 * map and take a `Bus` typed by it (shared/bus.ts); this map composes them, so imports point one way.
 */
export interface GatewayEvents extends AuditEvents, ConfigFileEvents, ConfirmEvents {
  /** A background store task (audit flush, checkpoint, pruning) failed; the message holds no values. */
  'store.error': { message: string };
  /** The runtime configuration changed (admin API); listeners apply what they own. */
  'config.changed': GatewayConfig;
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
}

/** The gateway's bus, typed by the whole map; everything above this file takes it as before. */
export class EventBus<Events extends object = GatewayEvents> extends TypedBus<Events> {}
