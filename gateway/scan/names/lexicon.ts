import { createRequire } from 'node:module';
import { EXTRA_ENTRIES, NOT_NAMES } from './not-names.js';

export type NameKind = 'person' | 'location' | 'organization';

/**
 * Word lists read from compromise's lexicon (first and last names, cities, countries, regions,
 * places, organisations), lowercased. compromise's full tagger costs ~3 ms a sentence, a thousand
 * times the scan budget, so the gateway uses its maintained lists with the linear matcher in
 * find.ts instead; docs/detectors.md has the measured comparison.
 */
export interface NameLexicon {
  /** Given names that are names alone (MaleName, FemaleName, Person). */
  readonly given: ReadonlySet<string>;
  /** Given names that are also common English words (mark, grant, chase): a name only before a surname. */
  readonly givenAmbiguous: ReadonlySet<string>;
  readonly surnames: ReadonlySet<string>;
  /** Single- and multi-word entries (`new york`, `goldman sachs`) → kind. */
  readonly entries: ReadonlyMap<string, NameKind>;
  /** Longest entry in words. */
  readonly maxWords: number;
  /** Every proper word prefix of a multi-word entry (`new`, `bank of`): a longer match is worth trying only after one. */
  readonly prefixes: ReadonlySet<string>;
  /** Any other word compromise knows (verbs, adjectives, months, weekdays): never an unknown surname. */
  readonly common: ReadonlySet<string>;
}

const PLACE_TAGS = new Set(['City', 'Country', 'Region', 'Place']);

let cached: NameLexicon | undefined;

/** Loads compromise (~0.5 s) on first use only, so a gateway with the name detectors off never pays for it. */
export function nameLexicon(): NameLexicon {
  if (cached !== undefined) return cached;
  const nlp = createRequire(import.meta.url)('compromise') as { model(): { one: { lexicon: Record<string, string | string[]> } } };
  const given = new Set<string>();
  const givenAmbiguous = new Set<string>();
  const surnames = new Set<string>();
  const entries = new Map<string, NameKind>();
  const common = new Set<string>();
  let maxWords = 1;
  for (const [word, tags] of Object.entries(nlp.model().one.lexicon)) {
    const tag = Array.isArray(tags) ? tags[0]! : tags;
    const givenTag = tag === 'MaleName' || tag === 'FemaleName' || tag === 'FirstName' || (tag === 'Person' && !word.includes(' '));
    if (NOT_NAMES.has(word)) {
      // `Julia`, `Travis`, `Victoria`: a person only before a surname (`Julia Novak`, not `Julia 1.10`).
      if (givenTag) givenAmbiguous.add(word);
      else common.add(word);
      continue;
    }
    let kind: NameKind | undefined = EXTRA_ENTRIES.get(word);
    if (kind !== undefined) {
      // listed by us: overrides compromise's tag
    } else if (tag === 'MaleName' || tag === 'FemaleName') given.add(word);
    else if (givenTag) givenAmbiguous.add(word);
    else if (tag === 'LastName') surnames.add(word);
    else if (tag === 'Person' && word.includes(' ')) kind = 'person';
    else if (PLACE_TAGS.has(tag)) kind = 'location';
    else if (tag === 'Organization') kind = 'organization';
    else if (!word.includes(' ')) common.add(word);
    if (kind !== undefined) {
      entries.set(word, kind);
      maxWords = Math.max(maxWords, word.split(' ').length);
    }
  }
  for (const [word, kind] of EXTRA_ENTRIES) {
    entries.set(word, kind);
    maxWords = Math.max(maxWords, word.split(' ').length);
  }
  const prefixes = new Set<string>();
  for (const entry of entries.keys()) {
    const words = entry.split(' ');
    for (let n = 1; n < words.length; n++) prefixes.add(words.slice(0, n).join(' '));
  }
  cached = { given, givenAmbiguous, surnames, entries, maxWords, prefixes, common };
  return cached;
}
