import { compileDenyTerms } from './custom/deny-terms.js';
import type { Detector } from './detector.js';
import { BUILTIN_DETECTORS, IP_DETECTOR_IDS } from './detectors.js';
import { ScanConfigError } from './errors.js';
import { createScanner } from './scanner.js';
import type { ScanOptions, Scanner } from './types.js';

export type { DenyTerm, Finding, FindingCategory, ScanOptions, Scanner } from './types.js';
export { ScanConfigError, ScanLimitError } from './errors.js';
export { BUILTIN_DETECTORS } from './detectors.js';

/** Matches the gateway's default `limits.stringBytes` (16 Mi UTF-16 units). */
export const DEFAULT_MAX_SCAN_CHARS = 16 * 1024 * 1024;

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
  if (opts.ip === false) for (const id of IP_DETECTOR_IDS) disabled.add(id);
  const maxScanChars = opts.maxScanChars ?? DEFAULT_MAX_SCAN_CHARS;
  if (!Number.isSafeInteger(maxScanChars) || maxScanChars < 1) {
    throw new ScanConfigError('maxScanChars must be a positive integer');
  }
  const detectors: Detector[] = [
    ...BUILTIN_DETECTORS.filter((d) => !disabled.has(d.id)),
    ...compileDenyTerms(opts.denyTerms ?? []).filter((d) => !disabled.has(d.id)),
  ];
  return createScanner({ detectors, allowlist: new Set(opts.allowlist ?? []), maxScanChars, normalize: opts.normalize ?? true });
}
