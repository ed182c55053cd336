import type { ApiShape, ProviderName } from '../adapters/shape.js';

/** What a proxy route knows before the body is read: where it goes and what shape it speaks. */
export interface RouteInfo {
  readonly provider: ProviderName;
  readonly shape: ApiShape;
  /** `/openai` or `/anthropic` for provider-explicit routes, '' otherwise; stripped upstream. */
  readonly prefix: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    proxy?: RouteInfo;
  }
}
