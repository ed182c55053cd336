import type { Finding } from './types.js';

/**
 * Findings of recently scanned long strings, so a conversation's history, re-sent in full every turn,
 * is scanned once rather than once per turn. It belongs to one compiled scanner: a new configuration
 * compiles a new scanner with an empty cache, so a result never outlives the detectors that found it.
 *
 * Keyed by the string itself (and whether it was scanned as prose): a hit is exact string equality,
 * never a hash that could collide. Bounded by the total length of the strings it holds (least
 * recently used first out); it keeps those strings in memory, as the request held them.
 * Strings shorter than MIN_CACHED_CHARS are scanned each time: scanning them costs about what a
 * lookup does.
 */
export const MIN_CACHED_CHARS = 512;

/** A finding list as stored and as handed out: copies both ways, since callers mutate findings (name linking). */
const copy = (list: readonly Finding[]): Finding[] => list.map((f) => ({ ...f }));

interface Entry {
  plain?: readonly Finding[];
  prose?: readonly Finding[];
}

export class ScanResultCache {
  readonly #maxChars: number;
  #chars = 0;
  /** Map order is recency order: a hit moves to the end, eviction takes from the front. */
  readonly #entries = new Map<string, Entry>();

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  get(text: string, prose: boolean): Finding[] | undefined {
    const entry = this.#entries.get(text);
    const hit = prose ? entry?.prose : entry?.plain;
    if (hit === undefined) return undefined;
    this.#entries.delete(text);
    this.#entries.set(text, entry!);
    return copy(hit);
  }

  set(text: string, prose: boolean, findings: readonly Finding[]): void {
    if (text.length > this.#maxChars) return;
    let entry = this.#entries.get(text);
    if (entry === undefined) {
      entry = {};
      this.#entries.set(text, entry);
      this.#chars += text.length;
    }
    if (prose) entry.prose = copy(findings);
    else entry.plain = copy(findings);
    for (const oldest of this.#entries.keys()) {
      if (this.#chars <= this.#maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= oldest.length;
    }
  }
}
