import { compileDenyTerms } from './custom/deny-terms.js';
import type { Detector } from './detector.js';
import { BUILTIN_DETECTORS, IP_DETECTOR_IDS } from './detectors.js';
import { ScanConfigError } from './errors.js';
import { findNames, type NameSpan } from './names/find.js';
import { nameLexicon } from './names/lexicon.js';
import { linkNames } from './names/link.js';
import { forgetProseLines } from './names/prose.js';
import { createScanner } from './scanner.js';
import type { Finding, ScanOptions, Scanner } from './types.js';

export type { DenyTerm, Finding, FindingCategory, ScanOptions, Scanner } from './types.js';
export { ScanConfigError, ScanLimitError } from './errors.js';
export { BUILTIN_DETECTORS } from './detectors.js';

/** Matches the gateway's default `limits.stringBytes` (16 Mi UTF-16 units). */
export const DEFAULT_MAX_SCAN_CHARS = 16 * 1024 * 1024;
/** Default ScanOptions.cacheChars: a few turns of a large conversation, a few MB of memory. */
export const DEFAULT_CACHE_CHARS = 4 * 1024 * 1024;

/**
 * Compiles the detectors for one configuration, once: built-ins minus `disabled` (and the IP
 * detectors when `ip` is false), then the user's deny terms. Throws ScanConfigError for an unknown
 * detector id, a bad limit, or an invalid or potentially slow custom regex.
 */
export function compileScanner(opts: ScanOptions = {}): Scanner {
  const known = new Set(BUILTIN_DETECTORS.map((d) => d.id));
  const disabled = new Set(opts.disabled ?? []);
  for (const id of disabled) {
    if (!known.has(id) && !id.startsWith('custom:')) throw new ScanConfigError(`disabled: unknown detector id "${id}"`);
  }
  const optIn = new Set(BUILTIN_DETECTORS.filter((d) => d.optIn === true).map((d) => d.id));
  for (const id of opts.enabled ?? []) {
    if (!optIn.has(id)) throw new ScanConfigError(`enabled: "${id}" is not an opt-in detector (${[...optIn].join(', ')})`);
  }
  // An opt-in detector runs when `enabled` names it and `disabled` does not.
  for (const id of optIn) if (!(opts.enabled ?? []).includes(id)) disabled.add(id);
  if (opts.ip === false) for (const id of IP_DETECTOR_IDS) disabled.add(id);
  const maxScanChars = opts.maxScanChars ?? DEFAULT_MAX_SCAN_CHARS;
  const cacheChars = opts.cacheChars ?? DEFAULT_CACHE_CHARS;
  if (!Number.isSafeInteger(cacheChars) || cacheChars < 0) throw new ScanConfigError('cacheChars must be a non-negative integer');
  if (!Number.isSafeInteger(maxScanChars) || maxScanChars < 1) {
    throw new ScanConfigError('maxScanChars must be a positive integer');
  }
  const detectors: Detector[] = [
    ...BUILTIN_DETECTORS.filter((d) => !disabled.has(d.id)),
    ...compileDenyTerms(opts.denyTerms ?? []).filter((d) => !disabled.has(d.id)),
  ];
  const names = detectors.some((d) => d.category === 'name') ? compileNameFinder(opts.namesAllowlist ?? []) : undefined;
  return createScanner({ detectors, allowlist: new Set(opts.allowlist ?? []), maxScanChars, normalize: opts.normalize ?? true, findNames: names, cacheChars });
}

/** The name finder with the names allowlist applied (whole names, without regard to case). */
function compileNameFinder(allowlist: readonly string[]): (text: string) => NameSpan[] {
  const lexicon = nameLexicon();
  const allowed = new Set(allowlist.map((n) => n.toLowerCase()));
  if (allowed.size === 0) return (text) => findNames(text, lexicon);
  return (text) => findNames(text, lexicon).filter((n) => !allowed.has(text.slice(n.start, n.end).toLowerCase()));
}

/**
 * Scans a request's strings (`prose[i]`: string i is message or tool-result text, where names are
 * looked for), then links a surname or given name alone to the full name found anywhere in the
 * request (names/link.ts). The scan worker and the event-loop path both call this.
 */
export function scanTexts(scanner: Scanner, texts: readonly string[], prose: readonly boolean[] = []): Finding[][] {
  return scanTextsCapped(scanner, texts, prose, Number.POSITIVE_INFINITY) as Finding[][];
}

/** `scanTexts` that stops once more than `max` findings were seen, answering only how many. */
export function scanTextsCapped(scanner: Scanner, texts: readonly string[], prose: readonly boolean[], max: number): Finding[][] | { over: number } {
  const findings: Finding[][] = [];
  let total = 0;
  forgetProseLines();
  for (let i = 0; i < texts.length; i++) {
    const found = scanner.scan(texts[i]!, prose[i] === true);
    total += found.length;
    // Past the cap the request is refused, so scanning stops early and nothing is returned.
    if (total > max) return { over: total };
    findings.push(found);
  }
  if (findings.some((list) => list.some((f) => f.detector === 'person'))) {
    linkNames(texts, findings, prose);
  }
  return findings;
}
