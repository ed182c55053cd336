/** The label value used once a bounded label has seen its limit of distinct values. */
export const OTHER = 'other';

/**
 * Keeps a metric label's cardinality bounded: the first `limit` distinct values pass through as
 * they are, later new ones become 'other'. Values already admitted stay stable for the process's life,
 * so a series never changes its label halfway.
 */
export class BoundedLabels {
  readonly #seen = new Set<string>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  label(value: string): string {
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.#limit) return OTHER;
    this.#seen.add(value);
    return value;
  }

  get size(): number {
    return this.#seen.size;
  }
}
