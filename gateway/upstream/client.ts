import type { Dispatcher } from 'undici';
import type { ProviderName } from '../shared/shape.js';
import { GatewayError } from '../errors.js';
import { UpstreamCall, type HeadHandler } from './call.js';

export interface UpstreamTarget {
  /** `https://api.openai.com`, no trailing slash. */
  origin: string;
  /** Path prefix of the configured base URL (`/proxy` in `https://host/proxy`), or ''. */
  basePath: string;
}

export interface UpstreamRequest {
  provider: ProviderName;
  method: string;
  /** Path and query as they go upstream, below the base URL's path. */
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer | undefined;
}

export interface UpstreamLimits {
  connections: number;
  pending: number;
}

export function parseTarget(baseUrl: string): UpstreamTarget {
  const url = new URL(baseUrl);
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

/**
 * Sends requests through the injected dispatcher and bounds how many may wait per origin: at most
 * `connections` in flight plus `pending` queued; beyond that the caller gets 503 with Retry-After
 * instead of an unbounded queue inside undici.
 */
export class UpstreamClient {
  readonly #dispatcher: Dispatcher;
  readonly #limit: number;
  #targets: Readonly<Record<ProviderName, UpstreamTarget>>;
  readonly #inFlight = new Map<string, number>();

  constructor(dispatcher: Dispatcher, targets: Readonly<Record<ProviderName, UpstreamTarget>>, limits: UpstreamLimits) {
    this.#dispatcher = dispatcher;
    this.#targets = targets;
    this.#limit = limits.connections + limits.pending;
  }

  /** Base URLs can change at runtime (admin config); the next request uses the new target. */
  setTargets(targets: Readonly<Record<ProviderName, UpstreamTarget>>): void {
    this.#targets = targets;
  }

  inFlight(): number {
    let n = 0;
    for (const v of this.#inFlight.values()) n += v;
    return n;
  }

  /** Starts the request; throws GW_ERR_UPSTREAM_QUEUE_FULL synchronously when the origin is saturated. */
  start(req: UpstreamRequest, onHead: HeadHandler): UpstreamCall {
    const target = Object.hasOwn(this.#targets, req.provider) ? this.#targets[req.provider] : undefined;
    // A provider removed by a config change while this request was on its way.
    if (target === undefined) throw new GatewayError('GW_ERR_PROVIDER_UNKNOWN');
    const origin = target.origin;
    const count = this.#inFlight.get(origin) ?? 0;
    if (count >= this.#limit) throw new GatewayError('GW_ERR_UPSTREAM_QUEUE_FULL', undefined, { retryAfter: 1 });
    this.#inFlight.set(origin, count + 1);
    let released = false;
    const call = new UpstreamCall(onHead, () => {
      if (released) return;
      released = true;
      this.#inFlight.set(origin, (this.#inFlight.get(origin) ?? 1) - 1);
    });
    this.#dispatcher.dispatch(
      { origin, path: target.basePath + req.path, method: req.method as Dispatcher.HttpMethod, headers: req.headers, body: req.body },
      call,
    );
    return call;
  }
}
