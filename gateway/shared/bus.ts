type Listener<T> = (payload: T) => void;

/**
 * What a module that emits or hears `Events` is handed. Any bus whose event map includes `Events`
 * fits, so a module below events.ts declares its own events and takes `Bus<ItsEvents>` instead of
 * importing the gateway's whole map, which is composed above it.
 */
export interface Bus<Events extends object> {
  /** Subscribes; returns the unsubscribe for exactly this registration. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

/** A box per registration, so subscribing the same function twice gives two independent unsubscribes. */
interface Registration {
  readonly fn: Listener<never>;
}

/** A typed, synchronous event bus. A throwing listener is reported, never propagated to the emitter. */
export class TypedBus<Events extends object> implements Bus<Events> {
  readonly #listeners = new Map<keyof Events, Set<Registration>>();
  readonly #onListenerError: (err: unknown, event: keyof Events) => void;

  constructor(onListenerError: (err: unknown, event: keyof Events) => void = () => undefined) {
    this.#onListenerError = onListenerError;
  }

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
