/**
 * The dashboard's Content-Security-Policy, declared once: the gateway sends it as a header with every
 * dashboard response (headers.ts), and the built page repeats it as a meta tag (renderer/vite.config.ts)
 * so it refuses inline code wherever it is opened. It allows only the gateway's own scripts, styles,
 * images (and data: images) and connections: prompt text that slips into the DOM cannot load or run
 * anything, and no other site may frame the page. No imports: the Vite config loads this file too.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
] as const;

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The meta tag's copy: frame-ancestors works only as a header (browsers ignore it in a meta tag, with a warning). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors ')).join('; ');
