import { CONTENT_SECURITY_POLICY } from './csp.js';

export { CONTENT_SECURITY_POLICY };

/** What every dashboard response carries: the CSP (csp.ts) and the usual hardening headers. */

export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+$/;

/**
 * Vite puts content-hashed files under `assets/`, so those may be cached for good; everything else
 * (index.html above all, which names the current hashes) is revalidated on every load.
 */
export const cacheControlFor = (filePath: string): string => (HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
