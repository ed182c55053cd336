import type { ApiShape, ProviderName } from '../adapters/shape.js';

/** What a proxy route knows before the body is read: where it goes and what shape it speaks. */
export interface RouteInfo {
  readonly provider: ProviderName;
  readonly shape: ApiShape;
  /** `/openai` or `/anthropic` for provider-explicit routes, '' otherwise; stripped upstream. */
  readonly prefix: string;
  /** The upstream path when it is not the request's own (the relay endpoint goes to Chat Completions). */
  readonly upstreamPath?: string;
  /** The relay endpoint: off unless `relay.enabled`, and always needs a gateway client key. */
  readonly relay?: true;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    proxy?: RouteInfo;
  }
}
