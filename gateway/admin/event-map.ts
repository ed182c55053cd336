import type { DeepPartial } from '../config/load.js';
import type { GatewayConfig } from '../config/schema.js';
import type { GatewayEvents } from '../events.js';
import type { StreamEventData, StreamEventType } from './contract.js';

export interface MapContext {
  overlay(): DeepPartial<GatewayConfig>;
}

/** How one bus event appears on the admin stream: its stream type, payload, and whether a resume replays it. */
type Mapping<K extends keyof GatewayEvents> = {
  [T in StreamEventType]: { type: T; retain: boolean; data: (payload: GatewayEvents[K], ctx: MapContext) => StreamEventData<T> };
}[StreamEventType];

export type StreamMap = { [K in keyof GatewayEvents]?: Mapping<K> };

/**
 * Every bus event the dashboard sees, in one table: a new kind of event (the confirmation queue's)
 * becomes visible by adding its line here and its payload schema to the contract.
 */
export const STREAM_MAP: StreamMap = {
  audit: { type: 'audit', retain: true, data: (event) => event },
  'config.changed': { type: 'config', retain: true, data: (config, ctx) => ({ config, overlay: ctx.overlay() }) },
  // A snapshot is stale a second later: sent live, never replayed.
  'metrics.tick': { type: 'metrics', retain: false, data: (second) => second },
  'clientKey.revoked': { type: 'clientKey.revoked', retain: true, data: ({ id }) => ({ id }) },
  'providerKey.changed': { type: 'providerKey.changed', retain: true, data: ({ provider, managedKey }) => ({ provider, managedKey }) },
};
