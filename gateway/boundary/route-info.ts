import { familyOf, type ApiFamily, type ApiShape, type ProviderName } from '../shared/shape.js';
import type { RouteInfo, RouteSpec } from '../shared/route.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';

const shapeFamily = (shape: ApiShape): ApiFamily | undefined =>
  shape === 'anthropic-messages' ? 'anthropic' : shape === 'passthrough' ? undefined : 'openai';

/** The family whose error shape a request gets before its route is resolved (unknown provider, early refusals). */
export const specFamily = (spec: RouteSpec): ApiFamily => shapeFamily(spec.shape) ?? spec.family ?? 'openai';

/** `route` moved to another configured provider (the model map's choice); the client side stays. */
export function rerouted(route: RouteInfo, provider: ProviderName, config: GatewayConfig): RouteInfo {
  return { ...route, provider, kind: config.providers[provider]!.kind! };
}

/**
 * The route for one request: a fixed provider, or the `/p/{name}` one, which must be configured
 * (404 GW_ERR_PROVIDER_UNKNOWN otherwise; the name is never used for anything else).
 */
export function resolveRoute(spec: RouteSpec, params: unknown, config: GatewayConfig): RouteInfo {
  const named = spec.provider === undefined ? (params as { provider?: string } | undefined)?.provider : undefined;
  const name = spec.provider ?? named ?? '';
  const provider = Object.hasOwn(config.providers, name) ? config.providers[name] : undefined;
  if (provider === undefined) throw new GatewayError('GW_ERR_PROVIDER_UNKNOWN');
  const kind = provider.kind!;
  return {
    provider: name,
    kind,
    shape: spec.shape,
    client: shapeFamily(spec.shape) ?? spec.family ?? familyOf(kind),
    prefix: named === undefined ? spec.prefix : `/p/${name}`,
    explicit: named !== undefined || spec.prefix !== '',
    ...(spec.upstreamPath !== undefined && { upstreamPath: spec.upstreamPath }),
    ...(spec.relay && { relay: spec.relay }),
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    proxy?: RouteSpec;
  }
}
