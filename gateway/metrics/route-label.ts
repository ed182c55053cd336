import { OTHER } from './bounded-labels.js';

/** API paths the providers document: each is a route template of its own. */
const KNOWN_API_PATHS = [
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/responses',
  '/v1/embeddings',
  '/v1/moderations',
  '/v1/models',
  '/v1/files',
  '/v1/batches',
  '/v1/uploads',
  '/v1/audio/speech',
  '/v1/audio/transcriptions',
  '/v1/audio/translations',
  '/v1/images/generations',
  '/v1/images/edits',
  '/v1/images/variations',
  '/v1/messages',
  '/v1/messages/count_tokens',
  '/v1/messages/batches',
  '/v1/complete',
];

/** `/openai/v1/…` and `/anthropic/v1/…` name the provider explicitly; the prefix stays in the label. */
const PROVIDER_PREFIXES = ['/openai', '/anthropic'];

/** The gateway's own API paths (the relay endpoint). */
const OWN_API_PATHS = ['/relay/generate'];

const KNOWN = new Set<string>([...KNOWN_API_PATHS, ...PROVIDER_PREFIXES.flatMap((p) => KNOWN_API_PATHS.map((path) => p + path)), ...OWN_API_PATHS]);

/** Known prefixes are looked for in the first few segments only, so a path of many slashes costs no more. */
const MAX_PREFIX_SEGMENTS = 5;

function prefixOf(path: string): string {
  for (const p of PROVIDER_PREFIXES) {
    if (path.startsWith(p) && path.charCodeAt(p.length) === 0x2f) return p;
  }
  return '';
}

/** The longest known API path that `path` continues below (at a segment boundary), if any. */
function knownPrefixOf(path: string): string | undefined {
  let best: string | undefined;
  let i = path.indexOf('/', 1);
  for (let n = 0; i !== -1 && n < MAX_PREFIX_SEGMENTS; n++, i = path.indexOf('/', i + 1)) {
    const p = path.slice(0, i);
    if (KNOWN.has(p)) best = p;
  }
  return best;
}

/**
 * Maps a request path (no query) to its `route` label: a route template, never a piece of the path a
 * client chose. The documented API paths are templates of their own; a path below one is labelled as
 * it (`/v1/files/file-abc123` → `/v1/files`); any other `/v1/…` path is the passthrough route's
 * template (`/v1/*`, `/openai/v1/*`, `/p/{provider}/v1/*`), and anything else is `other`. So a secret in a path segment can
 * never become a label on `/metrics` (nor can ids make one series per request).
 */
export class RouteLabels {
  label(path: string): string {
    // `/p/{provider}/…`: the name is the request's; the label keeps the template (the provider has its own label).
    if (path.startsWith('/p/')) {
      const end = path.indexOf('/', 3);
      const inner = end === -1 ? OTHER : this.#label(path.slice(end));
      return inner === OTHER || !inner.startsWith('/v1') ? OTHER : `/p/{provider}${inner}`;
    }
    return this.#label(path);
  }

  #label(path: string): string {
    if (KNOWN.has(path)) return path;
    const known = knownPrefixOf(path);
    if (known !== undefined) return known;
    const prefix = prefixOf(path);
    const rest = path.slice(prefix.length);
    return rest === '/v1' || rest.startsWith('/v1/') ? `${prefix}/v1/*` : OTHER;
  }
}
