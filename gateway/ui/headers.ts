/**
 * What every dashboard response carries. The CSP allows only the gateway's own scripts, styles,
 * images (and data: images) and connections: prompt text that slips into the DOM cannot load or run
 * anything, and no other site may frame the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
