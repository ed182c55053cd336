import { digitGroups, digitRuns } from './digit-runs.js';

/**
 * Indexes of one scanned text that several detectors need, computed on first use and shared, so
 * the text is searched once for them instead of once per detector (each extra regex pass over a
 * string costs more than its own scan). One context per scan; it holds nothing between scans.
 */
export class ScanContext {
  #digitRuns: readonly number[] | undefined;
  #digitGroups: readonly number[] | undefined;

  constructor(readonly text: string) {}

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
}
