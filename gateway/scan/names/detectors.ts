import type { Detector } from '../detector.js';
import { NAME_PATTERNS, type NameSpan } from './find.js';
import type { NameKind } from './lexicon.js';

/**
 * The three name detectors share one pass: the scan context finds every name in the text once
 * (ScanContext.names) and each detector reports its own kind. They are opt-in and look only at
 * prose (the scanner passes no name finder for other text).
 */
function nameDetector(id: NameKind, kind: string, anchor: string, patterns: readonly RegExp[]): Detector {
  return {
    id,
    category: 'name',
    kind,
    anchor,
    patterns,
    minLength: 2,
    requires: 0,
    optIn: true,
    find(_text, emit, ctx) {
      const names: readonly NameSpan[] = ctx.names();
      for (const n of names) if (n.kind === id) emit(n.start, n.end);
    },
  };
}

export const person = nameDetector('person', 'PERSON', "given name from compromise's lexicon, alone or with a surname; a name after an honorific, greeting or cue word", NAME_PATTERNS);
export const location = nameDetector('location', 'LOCATION', "city, country, region or place from compromise's lexicon, longest match", []);
export const organization = nameDetector('organization', 'ORGANIZATION', "organisation from compromise's lexicon, or a capitalised run ending in a company word (Corp, Ltd, Bank)", []);

export const NAME_DETECTORS: readonly Detector[] = [person, location, organization];
