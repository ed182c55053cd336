import type { DeepPartial } from '../config/load.js';
import type { GatewayConfig } from '../config/schema.js';
import type { PendingView as LivePendingView } from '../confirm/types.js';
import type { GatewayEvents } from '../events.js';
import type { PendingView, StreamEventData, StreamEventType } from './contract.js';

export interface MapContext {
  overlay(): DeepPartial<GatewayConfig>;
}

/** How one bus event appears on the admin stream: its stream type, payload, and whether a resume replays it. */
type Mapping<K extends keyof GatewayEvents> = {
  [T in StreamEventType]: { type: T; retain: boolean; data: (payload: GatewayEvents[K], ctx: MapContext) => StreamEventData<T> };
}[StreamEventType];

export type StreamMap = { [K in keyof GatewayEvents]?: Mapping<K> };

/** The live view holds read-only arrays; the wire copy is plain JSON. */
export const pendingView = (p: LivePendingView): PendingView => ({ ...p, findings: [...p.findings], reveals: [...p.reveals] });

/**
 * Every bus event the dashboard sees, in one table: a new kind of event (the confirmation queue's)
 * becomes visible by adding its line here and its payload schema to the contract.
 */
export const STREAM_MAP: StreamMap = {
  audit: { type: 'audit', retain: true, data: (event) => event },
  'config.changed': { type: 'config', retain: true, data: (config, ctx) => ({ config, overlay: ctx.overlay() }) },
  'config.file': { type: 'config.file', retain: true, data: (status) => ({ ...status, applied: [...status.applied], restartRequired: [...status.restartRequired], shadowed: [...status.shadowed] }) },
  // A snapshot is stale a second later: sent live, never replayed.
  'metrics.tick': { type: 'metrics', retain: false, data: (second) => second },
  'clientKey.revoked': { type: 'clientKey.revoked', retain: true, data: ({ id }) => ({ id }) },
  'clientKey.changed': { type: 'clientKey.changed', retain: true, data: ({ id }) => ({ id }) },
  'providerKey.changed': { type: 'providerKey.changed', retain: true, data: ({ provider, managedKey }) => ({ provider, managedKey }) },
  'rules.changed': { type: 'rules.changed', retain: true, data: ({ change, id }) => (id === undefined ? { change } : { change, id }) },
  'pending.added': { type: 'pending', retain: true, data: (e) => ({ change: 'added', pending: pendingView(e.pending) }) },
  'pending.touched': { type: 'pending', retain: true, data: (e) => ({ change: 'touched', pending: pendingView(e.pending) }) },
  'pending.revealed': { type: 'pending', retain: true, data: (e) => ({ change: 'revealed', pending: pendingView(e.pending), by: e.by }) },
  'pending.retried': { type: 'pending', retain: true, data: (e) => ({ change: 'retried', pending: pendingView(e.pending) }) },
  'pending.decided': { type: 'pending', retain: true, data: (e) => ({ change: 'decided', pending: pendingView(e.pending), outcome: e.outcome }) },
  'pending.expired': { type: 'pending', retain: true, data: (e) => ({ change: 'expired', pending: pendingView(e.pending), outcome: e.outcome }) },
  'pending.abandoned': { type: 'pending', retain: true, data: (e) => ({ change: 'abandoned', pending: pendingView(e.pending), outcome: e.outcome }) },
  'pending.cancelled': { type: 'pending', retain: true, data: (e) => ({ change: 'cancelled', pending: pendingView(e.pending), outcome: e.outcome }) },
};
