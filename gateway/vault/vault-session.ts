import type { Vault, VaultEntry } from './vault.js';

/**
 * One request's mappings. `mint` is synchronous; `flush` makes every mapping this request used
 * durable in a single `put`, and does no I/O when they all are already. `lookup` sees this request's
 * mappings even if the LRU evicted them meanwhile, then the vault's memory.
 */
export class VaultSession {
  readonly scope: string;
  readonly #vault: Vault;
  /** placeholder → value, for this request's own restoration. */
  readonly #mine = new Map<string, string>();
  /** kind ‖ value → placeholder, minted by this request. */
  readonly #minted = new Map<string, string>();
  readonly #pending = new Set<VaultEntry>();

  constructor(vault: Vault, scope: string) {
    this.#vault = vault;
    this.scope = scope;
  }

  /** Mappings this request must persist before it is forwarded. */
  get pending(): number {
    return this.#pending.size;
  }

  mint = (kind: string, value: string): string => {
    // A request repeats its values (the whole history rides along): answer repeats locally.
    const key = `${kind}\0${value}`;
    const known = this.#minted.get(key);
    if (known !== undefined) return known;
    const e = this.#vault.acquire(this.scope, kind, value);
    this.#mine.set(e.placeholder, e.value);
    this.#minted.set(key, e.placeholder);
    if (!e.persisted) this.#pending.add(e);
    return e.placeholder;
  };

  /** The values this request put behind placeholders: what restoration may hand back to the client. */
  values(): string[] {
    return [...this.#mine.values()];
  }

  lookup = (placeholder: string): string | undefined =>
    this.#mine.get(placeholder) ?? this.#vault.lookup(this.scope, placeholder);

  /** Persist what this request minted; rejects (store unavailable) so the caller can fail closed. */
  async flush(): Promise<void> {
    // Another session may have persisted a shared entry meanwhile.
    const todo = [...this.#pending].filter((e) => !e.persisted);
    if (todo.length === 0) return;
    await this.#vault.persist(todo);
    this.#pending.clear();
  }
}
