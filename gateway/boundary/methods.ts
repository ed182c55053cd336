import type { ApiFamily } from '../shared/shape.js';

/**
 * The methods each provider documents for its API paths; any other method gets 405 with `Allow` and is
 * never forwarded. The shaped routes take only POST (`GET /v1/chat/completions` lists OpenAI's stored
 * completions, which the gateway does not offer: it could not scan or restore them). Paths in neither
 * table (new endpoints) take the ordinary methods; TRACE, CONNECT and OPTIONS are never forwarded.
 * `*` is one path segment; the first match wins, so specific entries come first.
 */
const READ = ['GET', 'HEAD'] as const;
const WRITE = ['POST'] as const;
const READ_DELETE = ['GET', 'HEAD', 'DELETE'] as const;
const READ_WRITE = ['GET', 'HEAD', 'POST'] as const;
const ALL = ['GET', 'HEAD', 'POST', 'DELETE'] as const;
const UNKNOWN_PATH = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

type Table = ReadonlyArray<readonly [string, readonly string[]]>;

const OPENAI: Table = [
  ['/v1/chat/completions', WRITE],
  ['/v1/chat/completions/*', ALL],
  ['/v1/chat/completions/*/messages', READ],
  ['/v1/responses', WRITE],
  ['/v1/responses/input_tokens', WRITE],
  ['/v1/responses/compact', WRITE],
  ['/v1/responses/*', READ_DELETE],
  ['/v1/responses/*/cancel', WRITE],
  ['/v1/responses/*/input_items', READ],
  ['/v1/completions', WRITE],
  ['/v1/embeddings', WRITE],
  ['/v1/moderations', WRITE],
  ['/v1/models', READ],
  ['/v1/models/*', READ_DELETE],
  ['/v1/audio/*', WRITE],
  ['/v1/images/*', WRITE],
  ['/v1/files', READ_WRITE],
  ['/v1/files/*', READ_DELETE],
  ['/v1/files/*/content', READ],
  ['/v1/batches', READ_WRITE],
  ['/v1/batches/*', READ],
  ['/v1/batches/*/cancel', WRITE],
];

const ANTHROPIC: Table = [
  ['/v1/messages', WRITE],
  ['/v1/messages/count_tokens', WRITE],
  ['/v1/messages/batches', READ_WRITE],
  ['/v1/messages/batches/*', READ_DELETE],
  ['/v1/messages/batches/*/cancel', WRITE],
  ['/v1/messages/batches/*/results', READ],
  ['/v1/models', READ],
  ['/v1/models/*', READ],
  ['/v1/files', READ_WRITE],
  ['/v1/files/*', READ_DELETE],
  ['/v1/files/*/content', READ],
];

const matches = (pattern: string, path: string): boolean => {
  const p = pattern.split('/');
  const s = path.split('/');
  return p.length === s.length && p.every((seg, i) => seg === '*' ? s[i] !== '' : seg === s[i]);
};

/** The methods `path` (provider-relative, without the query) takes in the `provider` API family. */
export function allowedMethods(provider: ApiFamily, path: string): readonly string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  for (const [pattern, methods] of provider === 'anthropic' ? ANTHROPIC : OPENAI) {
    if (matches(pattern, trimmed)) return methods;
  }
  return UNKNOWN_PATH;
}
