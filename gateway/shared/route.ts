import type { ApiFamily, ApiShape, ProviderKind, ProviderName } from './shape.js';

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
