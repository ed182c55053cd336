import type { ProviderKind, ProviderName } from '../shared/shape.js';
import type { ProviderKeysRepo } from '../store/types.js';
import type { UpstreamCredential } from '../shared/credential.js';

/** What the gateway knows about one provider's managed key: the credential to send, or none (passthrough). */
export interface ManagedState {
  readonly credential: UpstreamCredential | undefined;
  readonly expiresAt: number;
}

/** Each provider kind's own auth header, as its SDKs send it. */
export function credentialFor(kind: ProviderKind, key: string): UpstreamCredential {
  if (kind === 'anthropic') return { header: 'x-api-key', key };
  if (kind === 'azure-openai') return { header: 'api-key', key };
  return { header: 'authorization', key };
}

/**
 * The decrypted managed provider keys, held in memory for a short TTL so the request path does not
 * open a sealed key per request. `invalidate` (on the admin API's change event) makes the next
 * request re-read; the TTL keeps it correct when no event comes. The key lives only here and on the
 * upstream request; nothing logs or persists this object.
 */
export class ManagedKeys {
  readonly #repo: ProviderKeysRepo;
  readonly #ttlMs: number;
  readonly #states = new Map<ProviderName, ManagedState>();
  readonly #loading = new Map<ProviderName, Promise<ManagedState>>();
  #generation = 0;

  /** The provider's kind in the live configuration (a key is stored per provider name). */
  readonly #kindOf: (provider: ProviderName) => ProviderKind;

  constructor(repo: ProviderKeysRepo, kindOf: (provider: ProviderName) => ProviderKind, ttlMs = 5_000) {
    this.#repo = repo;
    this.#kindOf = kindOf;
    this.#ttlMs = ttlMs;
  }

  /** The cached state when it is still fresh, else undefined: call load(). */
  peek(provider: ProviderName, now: number): ManagedState | undefined {
    const state = this.#states.get(provider);
    return state !== undefined && now < state.expiresAt ? state : undefined;
  }

  /** Reads the provider's key from the store (one read shared by concurrent callers). */
  load(provider: ProviderName, now: number): Promise<ManagedState> {
    const pending = this.#loading.get(provider);
    if (pending !== undefined) return pending;
    const generation = this.#generation;
    const done = () => {
      if (this.#loading.get(provider) === loading) this.#loading.delete(provider);
    };
    const loading = this.#repo.getProviderKey(provider).then(
      (key) => {
        done();
        const state: ManagedState = { credential: key === undefined ? undefined : credentialFor(this.#kindOf(provider), key), expiresAt: now + this.#ttlMs };
        // A change announced while we were reading makes this answer stale: serve it once, do not keep it.
        if (generation === this.#generation) this.#states.set(provider, state);
        return state;
      },
      (err: unknown) => {
        done();
        throw err;
      },
    );
    this.#loading.set(provider, loading);
    return loading;
  }

  invalidate(provider?: string): void {
    this.#generation++;
    if (provider === undefined) {
      this.#states.clear();
      this.#loading.clear();
    } else {
      this.#states.delete(provider);
      this.#loading.delete(provider);
    }
  }
}
