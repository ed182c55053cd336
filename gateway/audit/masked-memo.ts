import { maskFlagged, maskPath, UNSCANNED, type ScanText } from './mask.js';

/** Distinct texts kept per kind; past it the memo starts over (crude, bounded, refills at once). */
const MAX_ENTRIES = 1000;

/**
 * `maskPath` and `maskFlagged` for the texts every request repeats (its path, its model name),
 * remembered per scan configuration: the profile at c=1000 put scanning the path alone at 2 % of
 * the gateway's CPU. `forget()` after a configuration change scans everything again. A text that
 * could not be scanned is never remembered, so a passing failure is not made permanent.
 */
export class MaskedTexts {
  readonly #scan: ScanText;
  readonly #paths = new Map<string, string>();
  readonly #texts = new Map<string, string>();

  constructor(scan: ScanText) {
    this.#scan = scan;
  }

  path(path: string): string {
    return this.#memo(this.#paths, path, () => maskPath(this.#scan, path));
  }

  text(text: string): string {
    return this.#memo(this.#texts, text, () => maskFlagged(this.#scan, text));
  }

  forget(): void {
    this.#paths.clear();
    this.#texts.clear();
  }

  #memo(map: Map<string, string>, key: string, compute: () => string): string {
    let out = map.get(key);
    if (out !== undefined) return out;
    out = compute();
    if (out.includes(UNSCANNED)) return out;
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, out);
    return out;
  }
}
