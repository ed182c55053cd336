import type { Redis } from 'ioredis';
import type { EventBus, GatewayEvents } from '../events.js';

/** The events every instance's dashboard, admin stream and caches must see, wherever they happened. */
export const FANNED_OUT = [
  'audit', 'pending.added', 'pending.decided', 'pending.expired', 'pending.abandoned', 'pending.cancelled',
  'pending.touched', 'pending.revealed', 'pending.retried', 'rules.changed', 'config.changed',
  'clientKey.revoked', 'providerKey.changed', 'clientKey.changed',
] as const satisfies readonly (keyof GatewayEvents)[];
type FannedOut = (typeof FANNED_OUT)[number];

interface Envelope {
  from: string;
  event: FannedOut;
  payload: unknown;
}

export interface FanoutOptions {
  instanceId: string;
  channel?: string;
  /**
   * Events from another instance whose state lives here too (rules, config) are not replayed as
   * they are: the handler reloads that state from the store and announces it locally itself; that
   * local announcement is not published again.
   */
  onRemote?: Partial<{ [K in FannedOut]: (payload: GatewayEvents[K]) => void | Promise<void> }>;
  onError: (err: unknown) => void;
}

/**
 * Publishes local events to one pub/sub channel and replays other instances' events on the local
 * bus. Publishing is fire and forget: while Redis is away, events stay local (every instance still
 * serves its own), and the subscriber connection resubscribes by itself when Redis returns.
 */
export function startFanout(bus: EventBus, pub: Redis, sub: Redis, options: FanoutOptions): () => Promise<void> {
  const channel = options.channel ?? 'aegis:events';
  let replaying = false;
  /** Remote events being handled, by name: their local echo is not published back. */
  const handling = new Map<FannedOut, number>();
  const offs = FANNED_OUT.map((event) =>
    bus.on(event, (payload: unknown) => {
      if (replaying || (handling.get(event) ?? 0) > 0 || pub.status !== 'ready') return;
      const envelope: Envelope = { from: options.instanceId, event, payload };
      pub.publish(channel, JSON.stringify(envelope)).catch(options.onError);
    }),
  );
  const onMessage = (ch: string, text: string) => {
    if (ch !== channel) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch (err) {
      return options.onError(err);
    }
    if (envelope.from === options.instanceId || !(FANNED_OUT as readonly string[]).includes(envelope.event)) return;
    const { event } = envelope;
    const handler = options.onRemote?.[event] as ((p: unknown) => void | Promise<void>) | undefined;
    if (handler) {
      handling.set(event, (handling.get(event) ?? 0) + 1);
      void (async () => handler(envelope.payload))()
        .catch(options.onError)
        .finally(() => handling.set(event, (handling.get(event) ?? 1) - 1));
      return;
    }
    replaying = true;
    try {
      bus.emit(envelope.event, envelope.payload as never);
    } finally {
      replaying = false;
    }
  };
  sub.on('message', onMessage);
  sub.subscribe(channel).catch(options.onError);
  return async () => {
    for (const off of offs) off();
    sub.off('message', onMessage);
    await sub.unsubscribe(channel).catch(() => undefined);
  };
}
