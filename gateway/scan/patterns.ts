import { DENY_TERM_PATTERNS } from './custom/deny-terms.js';
import { REGEX_PARSE_PATTERNS } from './custom/regex-parse.js';
import { BUILTIN_DETECTORS } from './detectors.js';
import { LINK_PATTERNS } from './names/link.js';
import { NORMALIZE_PATTERNS } from './normalize.js';
import { PLACEHOLDER } from './placeholder-mask.js';

export interface PatternEntry {
  /** Detector id, or the shared module that compiles it. */
  owner: string;
  source: string;
  flags: string;
}

/**
 * Every regex the scanner compiles at load, for scripts/check-redos.mjs (CI) and a test that checks
 * no regex literal in gateway/scan is missing from this list.
 */
export const DETECTOR_PATTERNS: readonly PatternEntry[] = [
  ...BUILTIN_DETECTORS.flatMap((d) => d.patterns.map((re) => ({ owner: d.id, source: re.source, flags: re.flags }))),
  { owner: 'placeholder-mask', source: PLACEHOLDER.source, flags: PLACEHOLDER.flags },
  ...NORMALIZE_PATTERNS.map((re) => ({ owner: 'normalize', source: re.source, flags: re.flags })),
  ...DENY_TERM_PATTERNS.map((re) => ({ owner: 'deny-terms', source: re.source, flags: re.flags })),
  ...LINK_PATTERNS.map((re) => ({ owner: 'names-link', source: re.source, flags: re.flags })),
  ...REGEX_PARSE_PATTERNS.map((re) => ({ owner: 'regex-parse', source: re.source, flags: re.flags })),
];
