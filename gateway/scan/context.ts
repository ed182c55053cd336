import { digitGroups, digitRuns } from './digit-runs.js';
import { longWords } from './long-words.js';
import type { NameSpan } from './names/find.js';

/** The shortest base58 value read from longWords(): a legacy bitcoin address (26 chars). */
export const LONG_WORD_MIN = 26;

/**
 * Indexes of one scanned text that several detectors need, computed on first use and shared, so
 * the text is searched once for them instead of once per detector (each extra regex pass over a
 * string costs more than its own scan). One context per scan; it holds nothing between scans.
 */
export class ScanContext {
  #digitRuns: readonly number[] | undefined;
  #digitGroups: readonly number[] | undefined;
  #schemes: number[] | undefined;
  #longWords: readonly number[] | undefined;

  #names: readonly NameSpan[] | undefined;

  /** `findNames`: the name finder for this scan, or undefined when the text is not prose. */
  constructor(
    readonly text: string,
    private readonly findNames?: (text: string) => NameSpan[],
  ) {}

  /** Names in the text's prose, found once for the three name detectors. */
  names(): readonly NameSpan[] {
    this.#names ??= this.findNames === undefined ? [] : this.findNames(this.text);
    return this.#names;
  }

  /** Runs of digit groups with nine digits close together, as start/end pairs (digit-runs.ts). */
  digitRuns(): readonly number[] {
    this.#digitRuns ??= digitRuns(this.text);
    return this.#digitRuns;
  }

  /** Each digit group starting inside a digit run, as (group start, run end) pairs. */
  digitGroups(): readonly number[] {
    this.#digitGroups ??= digitGroups(this.text, this.digitRuns());
    return this.#digitGroups;
  }

  /** Whole words of at least LONG_WORD_MIN characters (long-words.ts), as start/end pairs: base58 keys and addresses. */
  longWords(): readonly number[] {
    this.#longWords ??= longWords(this.text, LONG_WORD_MIN);
    return this.#longWords;
  }

  /** Index of every `://` (URLs), for the detectors that read URLs. */
  schemeSeparators(): readonly number[] {
    if (this.#schemes === undefined) {
      this.#schemes = [];
      for (let i = this.text.indexOf('://'); i !== -1; i = this.text.indexOf('://', i + 3)) this.#schemes.push(i);
    }
    return this.#schemes;
  }
}
