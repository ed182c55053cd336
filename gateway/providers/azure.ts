import type { ApiShape } from '../shared/shape.js';

/** What Azure OpenAI takes when a provider sets no `apiVersion`: the last GA data-plane version. */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/**
 * The Azure OpenAI path for a request the gateway sends as `shape` (after any translation):
 * Chat Completions go to the deployment (`/openai/deployments/{deployment}/chat/completions?api-version=…`);
 * other `/v1/…` paths go to Azure's v1 API surface (`/openai/v1/…`), which takes no deployment.
 * `path` is provider-relative (`/v1/chat/completions?…`); its query is kept.
 */
export function azurePath(shape: ApiShape, path: string, deployment: string | undefined, apiVersion: string | undefined): string {
  const q = path.indexOf('?');
  const query = q === -1 ? '' : path.slice(q + 1);
  const bare = q === -1 ? path : path.slice(0, q);
  if (shape === 'openai-chat' && deployment !== undefined) {
    const params = new URLSearchParams(query);
    params.set('api-version', apiVersion ?? params.get('api-version') ?? AZURE_DEFAULT_API_VERSION);
    return `/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?${params.toString()}`;
  }
  const rest = bare.startsWith('/v1/') || bare === '/v1' ? bare : `/v1${bare}`;
  return `/openai${rest}${query ? `?${query}` : ''}`;
}
