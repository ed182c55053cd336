import type { Vault, VaultEntry } from './vault.js';

/**
 * One request's mappings. `mint` is synchronous; `flush` makes every mapping this request used
 * durable in a single `put`, and does no I/O when they all are already. `lookup` answers only for
 * the placeholders this exchange showed the model: those it minted, and those of an earlier turn
 * the provider keeps on its side (`allow`). Never the rest of the scope: an upstream repeating an
 * old placeholder must not get its value back.
 */
export class VaultSession {
  readonly scope: string;
  readonly #vault: Vault;
  // Created on first use: most requests mint nothing, and four empty collections per request were
  // a measurable share of the gateway's allocation under load (docs/benchmarks.md, issue 16).
  /** placeholder → value, for this request's own restoration. */
  #mine: Map<string, string> | undefined;
  /** placeholder → value shown in an earlier request of the same stored conversation. */
  #earlier: Map<string, string> | undefined;
  /** kind ‖ value → placeholder, minted by this request. */
  #minted: Map<string, string> | undefined;
  #pending: Set<VaultEntry> | undefined;

  constructor(vault: Vault, scope: string) {
    this.#vault = vault;
    this.scope = scope;
  }

  /** Mappings this request must persist before it is forwarded. */
  get pending(): number {
    return this.#pending?.size ?? 0;
  }

  /** How many placeholders the model was shown (minted here or allowed from earlier turns). */
  get shownCount(): number {
    return (this.#mine?.size ?? 0) + (this.#earlier?.size ?? 0);
  }

  mint = (kind: string, value: string): string => {
    // A request repeats its values (the whole history rides along): answer repeats locally.
    const key = `${kind}\0${value}`;
    const known = this.#minted?.get(key);
    if (known !== undefined) return known;
    const e = this.#vault.acquire(this.scope, kind, value);
    (this.#mine ??= new Map()).set(e.placeholder, e.value);
    (this.#minted ??= new Map()).set(key, e.placeholder);
    if (!e.persisted) (this.#pending ??= new Set()).add(e);
    return e.placeholder;
  };

  /**
   * Also restore `placeholders`: shown to the model in earlier requests of a conversation the
   * provider stores (Responses `previous_response_id`). Their values are read now (from memory, else
   * the store), so restoration stays synchronous; one the vault no longer holds stays unrestored.
   */
  async allow(placeholders: readonly string[]): Promise<void> {
    const todo = placeholders.filter((p) => this.#mine?.has(p) !== true);
    if (todo.length === 0) return;
    await this.#vault.resolve(this.scope, todo);
    for (const p of todo) {
      const value = this.#vault.lookup(this.scope, p);
      if (value !== undefined) (this.#earlier ??= new Map()).set(p, value);
    }
  }

  /** Every placeholder this exchange showed the model: what a later turn of the conversation may restore. */
  shown(): string[] {
    return [...(this.#mine?.keys() ?? []), ...(this.#earlier?.keys() ?? [])];
  }

  /** The values restoration may hand back to the client: each counts as a secret for the tool-call guard. */
  values(): string[] {
    return [...(this.#mine?.values() ?? []), ...(this.#earlier?.values() ?? [])];
  }

  lookup = (placeholder: string): string | undefined => this.#mine?.get(placeholder) ?? this.#earlier?.get(placeholder);

  /** Persist what this request minted; rejects (store unavailable) so the caller can fail closed. */
  async flush(): Promise<void> {
    // Another session may have persisted a shared entry meanwhile.
    if (this.#pending === undefined) return;
    const todo = [...this.#pending].filter((e) => !e.persisted);
    if (todo.length === 0) return;
    await this.#vault.persist(todo);
    this.#pending.clear();
  }
}
