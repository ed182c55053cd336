import { BoundedLabels, OTHER } from './bounded-labels.js';

/**
 * API paths the providers document, labelled as they are, and paths below them labelled as the
 * longest of them they start with (`/v1/files/file-abc123` → `/v1/files`). Everything else is cut to
 * its first two path segments, because ids in paths would make one series per request.
 */
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

const KNOWN = new Set<string>([...KNOWN_API_PATHS, ...PROVIDER_PREFIXES.flatMap((p) => KNOWN_API_PATHS.map((path) => p + path))]);

/** Known prefixes are looked for in the first few segments only, so a path of many slashes costs no more. */
const MAX_PREFIX_SEGMENTS = 5;

/** A path segment this long is an id or garbage, never an API name. */
const MAX_SEGMENT = 40;
const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** Distinct non-API labels allowed before new ones become 'other'. */
export const DEFAULT_DYNAMIC_ROUTE_LIMIT = 50;

function prefixOf(path: string): string {
  for (const p of PROVIDER_PREFIXES) {
    if (path.startsWith(p) && path.charCodeAt(p.length) === 0x2f) return p;
  }
  return '';
}

/** The first two segments after an optional provider prefix, or undefined when they do not look like API names. */
export function firstTwoSegments(path: string): string | undefined {
  const prefix = prefixOf(path);
  const parts = path.slice(prefix.length).split('/', 4);
  // parts[0] is '' (the path starts with '/'); keep the next two non-empty ones.
  const kept = parts.slice(1, 3).filter((s) => s !== '');
  if (kept.length === 0) return undefined;
  for (const s of kept) if (s.length > MAX_SEGMENT || !SEGMENT.test(s)) return undefined;
  return `${prefix}/${kept.join('/')}`;
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

/** Maps a request path (no query) to a bounded `route` label. */
export class RouteLabels {
  readonly #dynamic: BoundedLabels;

  constructor(dynamicLimit = DEFAULT_DYNAMIC_ROUTE_LIMIT) {
    this.#dynamic = new BoundedLabels(dynamicLimit);
  }

  label(path: string): string {
    if (KNOWN.has(path)) return path;
    const known = knownPrefixOf(path);
    if (known !== undefined) return known;
    const cut = firstTwoSegments(path);
    if (cut === undefined) return OTHER;
    return this.#dynamic.label(cut);
  }
}
