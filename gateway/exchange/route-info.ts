import { familyOf, type ApiFamily, type ApiShape, type ProviderKind, type ProviderName } from '../shared/shape.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';

/**
 * What a proxy route declares in its Fastify config: the client's shape, and the provider when the
 * route names one (`/v1/…` defaults, `/openai/v1/…`, `/anthropic/v1/…`). `/p/{provider}/…` routes
 * leave it out: the name comes from the path and must be a configured provider.
 */
export interface RouteSpec {
  readonly shape: ApiShape;
  /** A fixed provider name; absent on `/p/:provider/…` routes. */
  readonly provider?: ProviderName;
  /** `/openai` or `/anthropic` on provider-explicit routes, '' on the defaults; `/p/{name}` is derived. */
  readonly prefix: string;
  /** The client's API family on a passthrough path, when it is not the provider's (a shaped path's other methods). */
  readonly family?: ApiFamily;
  /** The upstream path when it is not the request's own (the relay endpoint goes to Chat Completions). */
  readonly upstreamPath?: string;
  /** The relay endpoint: off unless `relay.enabled`, and always needs a gateway client key. */
  readonly relay?: true;
}

/** One exchange's route, resolved against the live configuration when the request arrives. */
export interface RouteInfo {
  /** The configured provider name (never anything but a key of `config.providers`). */
  readonly provider: ProviderName;
  readonly kind: ProviderKind;
  /** The shape the client speaks (it may differ from the provider's kind: then the exchange is translated). */
  readonly shape: ApiShape;
  /** The client's API family: its error shape and method table. */
  readonly client: ApiFamily;
  /** Stripped from the path before it goes upstream. */
  readonly prefix: string;
  /** The request named its provider (`/p/…`, `/openai/…`, `/anthropic/…`): the model map may rename, not reroute. */
  readonly explicit: boolean;
  /** From the route's spec: the relay endpoint's fixed path and its flag. */
  readonly upstreamPath?: string;
  readonly relay?: true;
}

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
