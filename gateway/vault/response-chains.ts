/**
 * Which placeholders a stored conversation has shown the model. The Responses API keeps earlier
 * turns on the provider's side (`previous_response_id`), so a request need not re-send them, and
 * the model may repeat a placeholder this request does not carry. Each response id is recorded with
 * every placeholder of its chain so far (the request's own and those of the response it continued),
 * so one read answers for the whole chain. Bounded: an LRU in memory, a TTL and a cap per chain in
 * the store, which keeps it across restarts. Placeholders are keyed hashes, not values; the values
 * stay in the vault.
 */
export interface ResponseChainPersistence {
  put(entry: { scope: string; responseId: string; placeholders: readonly string[]; expiresAt: number }): Promise<void>;
  get(scope: string, responseId: string): Promise<string[] | undefined>;
}

export interface ResponseChainOptions {
  persistence: ResponseChainPersistence;
  /** Chains held in memory, all scopes together; the least recently used go first. */
  maxEntries: number;
  ttlMs: number;
  now?: () => number;
}

/** Most placeholders remembered per chain (the newest win): a conversation showing more is not one a person has. */
export const MAX_CHAIN_PLACEHOLDERS = 4096;
/** Response ids are provider-made (`resp_…`); anything longer is not one, and is not stored. */
export const MAX_RESPONSE_ID_LENGTH = 256;

interface Entry {
  placeholders: readonly string[];
  expiresAt: number;
}

const key = (scope: string, id: string) => `${scope}\0${id}`;

export class ResponseChains {
  readonly #persistence: ResponseChainPersistence;
  readonly #max: number;
  readonly #ttl: number;
  readonly #now: () => number;
  readonly #memory = new Map<string, Entry>();

  constructor(opts: ResponseChainOptions) {
    this.#persistence = opts.persistence;
    this.#max = Math.max(1, opts.maxEntries);
    this.#ttl = opts.ttlMs;
    this.#now = opts.now ?? Date.now;
  }

  /** The placeholders the chain ending in `responseId` showed the model, in `scope` only. */
  async placeholders(scope: string, responseId: string): Promise<readonly string[]> {
    if (responseId.length === 0 || responseId.length > MAX_RESPONSE_ID_LENGTH) return [];
    const k = key(scope, responseId);
    const hit = this.#memory.get(k);
    if (hit !== undefined && hit.expiresAt > this.#now()) {
      this.#memory.delete(k);
      this.#memory.set(k, hit);
      return hit.placeholders;
    }
    return (await this.#persistence.get(scope, responseId)) ?? [];
  }

  /**
   * Remember what the chain ending in `responseId` showed. Memory first, so the next turn finds it
   * even before the write commits; a failed write only loses the chain after a restart.
   */
  record(scope: string, responseId: string, placeholders: readonly string[]): Promise<void> {
    if (responseId.length === 0 || responseId.length > MAX_RESPONSE_ID_LENGTH || placeholders.length === 0) return Promise.resolve();
    const kept = placeholders.length > MAX_CHAIN_PLACEHOLDERS ? placeholders.slice(0, MAX_CHAIN_PLACEHOLDERS) : placeholders;
    const entry: Entry = { placeholders: kept, expiresAt: this.#now() + this.#ttl };
    const k = key(scope, responseId);
    this.#memory.delete(k);
    this.#memory.set(k, entry);
    while (this.#memory.size > this.#max) this.#memory.delete(this.#memory.keys().next().value as string);
    return this.#persistence.put({ scope, responseId, placeholders: kept, expiresAt: entry.expiresAt });
  }
}
