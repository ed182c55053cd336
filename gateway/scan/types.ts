import type { DetectorCategory } from '../shared/finding-lists.js';

/**
 * What a finding is, for policy: personal data, a credential, a user-defined deny term, or a
 * person's, place's or organisation's name (opt-in detectors, found in prose only).
 */
export type FindingCategory = DetectorCategory;

/** One sensitive span found in a scanned string. */
export interface Finding {
  /** Stable detector id, e.g. 'email', 'phone', 'aws-access-key', 'custom:0'. */
  detector: string;
  category: FindingCategory;
  /** Placeholder kind, `[A-Z][A-Z0-9_]*`: EMAIL, PHONE, AWS_KEY, PASSWORD, CUSTOM, … */
  kind: string;
  /** UTF-16 offsets into the scanned text; the value is `text.slice(start, end)`. */
  start: number;
  end: number;
  /**
   * The value the placeholder stands for, when it is not the span itself: a surname alone or a
   * given name after the full name (`Kowalczyk` after `Maria Kowalczyk`) is masked, and restored,
   * as the full name, so one person has one placeholder in a conversation.
   */
  value?: string;
}

/** A user deny term: a literal (default) or a regular expression. */
export interface DenyTerm {
  pattern: string;
  regex?: boolean;
  /** Default false: terms match regardless of case. */
  caseSensitive?: boolean;
  /** Default false: when true the match may not touch a letter, digit or `_` on either side. */
  wholeWord?: boolean;
  /** Placeholder kind for this term's findings; default CUSTOM. */
  kind?: string;
}

export interface ScanOptions {
  /** IPv4/IPv6 detection, default true (loopback, unspecified and link-local are never reported). */
  ip?: boolean;
  /** Detector ids turned off; an unknown id is a configuration error. */
  disabled?: string[];
  /** Opt-in detectors turned on (the name detectors: person, location, organization); off unless listed. */
  enabled?: string[];
  /** Names the name detectors never report, matched without regard to case: the user's own company, products, tools. */
  namesAllowlist?: string[];
  denyTerms?: DenyTerm[];
  /** Exact values never reported. */
  allowlist?: string[];
  /** Longest string one `scan` accepts; longer input throws ScanLimitError. Default 16 Mi chars. */
  maxScanChars?: number;
  /**
   * Default true: detectors see the text NFKC-folded with invisible characters removed, and findings
   * map back to the original characters. `false` exists to measure what that costs (bench:scan).
   */
  normalize?: boolean;
  /**
   * Total length (UTF-16 units) of strings of 512+ characters whose findings the compiled scanner
   * keeps, so the history a conversation re-sends every turn is scanned once (result-cache.ts).
   * Default 4 Mi; 0 turns it off (bench:scan measures a cold scan that way).
   */
  cacheChars?: number;
}

export interface Scanner {
  /**
   * Findings sorted by start, never overlapping. Deterministic; does no I/O. `prose` (default false)
   * says the text is natural-language message or tool-result text: only then do the name detectors look.
   */
  scan(text: string, prose?: boolean): Finding[];
}
