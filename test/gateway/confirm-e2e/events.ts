// Waiting for something the gateway announces on its in-process bus, instead of polling for it.
import type { EventBus, GatewayEvents } from '../../../gateway/events.js';

/** Resolves with the next `event` whose payload matches; rejects after `timeoutMs`, naming `what`. */
export function nextEvent<K extends keyof GatewayEvents>(
  bus: EventBus,
  event: K,
  match: (payload: GatewayEvents[K]) => boolean = () => true,
  what: string = String(event),
  timeoutMs = 10_000,
): Promise<GatewayEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    // A wait nobody needs any more (the call finished first) must not keep the test process alive.
    timer.unref();
    const off = bus.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Collects every `event` from now on; `stop()` unsubscribes. */
export function collect<K extends keyof GatewayEvents>(bus: EventBus, event: K): { items: GatewayEvents[K][]; stop: () => void } {
  const items: GatewayEvents[K][] = [];
  return { items, stop: bus.on(event, (payload) => items.push(payload)) };
}
