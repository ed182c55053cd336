import type { IncomingHttpHeaders } from 'node:http';
import { familyOf, type ApiShape } from '../shared/shape.js';
import { credentialFor } from '../auth/managed-keys.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import { azurePath } from '../providers/azure.js';
import { chooseModel } from '../providers/model-map.js';
import { clientProviderKey } from '../upstream/headers.js';
import { type UpstreamCredential } from '../shared/credential.js';
import { rerouted } from '../boundary/route-info.js';
import { type RouteInfo } from '../shared/route.js';

/**
 * Where an exchange goes once its model is known: the model map may move a default route to another
 * provider and rename the model; the client's shape decides whether the exchange is translated and
 * which API path the provider gets. Pure: the conductor applies it.
 */
export interface ProviderPlan {
  readonly route: RouteInfo;
  /** The model name to put in the upstream body, when it differs from the client's. */
  readonly rename: string | undefined;
  /** The shape the provider receives: the client's, or the provider kind's counterpart when translated. */
  readonly upstreamShape: ApiShape;
  readonly translate: boolean;
}

/** The shape a provider kind speaks for a client shape, or undefined when there is no counterpart. */
function counterpart(shape: ApiShape, route: RouteInfo, path: string): ApiShape | undefined {
  const family = familyOf(route.kind);
  if (shape === 'passthrough' || family === route.client) return shape;
  if (shape === 'openai-chat') return 'anthropic-messages';
  // Messages translate to Chat Completions; count_tokens has no OpenAI-compatible counterpart.
  if (shape === 'anthropic-messages' && !path.startsWith('/v1/messages/count_tokens')) return 'openai-chat';
  return undefined;
}

export function planProvider(route: RouteInfo, model: string | undefined, path: string, config: GatewayConfig): ProviderPlan {
  let planned = route;
  let rename: string | undefined;
  if (model !== undefined && route.shape !== 'passthrough') {
    const choice = chooseModel(config.routing.models, model, route.provider, route.explicit);
    if (choice !== undefined) {
      if (choice.provider !== route.provider) planned = rerouted(route, choice.provider, config);
      if (choice.model !== model) rename = choice.model;
    }
  }
  const upstreamShape = counterpart(route.shape, planned, path);
  if (upstreamShape === undefined) {
    throw new GatewayError('GW_ERR_TRANSLATE_UNSUPPORTED', `${path.split('?', 1)[0]} has no counterpart on ${planned.provider}, a provider of kind ${planned.kind}`, { exposeDetail: true });
  }
  return { route: planned, rename, upstreamShape, translate: upstreamShape !== route.shape };
}

/**
 * The path and query the provider gets: the client's (prefix removed), or the translated API's path
 * (`apiPath`) with the client's query kept; Azure OpenAI puts the deployment (the model, or its
 * rename) in the path.
 */
export function upstreamPath(plan: ProviderPlan, clientPath: string, model: string | undefined, config: GatewayConfig, apiPath?: string): string {
  const q = clientPath.indexOf('?');
  const path = apiPath === undefined ? clientPath : apiPath + (q === -1 ? '' : clientPath.slice(q));
  const provider = config.providers[plan.route.provider]!;
  if (plan.route.kind !== 'azure-openai') return provider.stripV1 === true && path.startsWith('/v1/') ? path.slice(3) : path;
  return azurePath(plan.upstreamShape, path, plan.rename ?? model, provider.apiVersion);
}

/**
 * The credential that goes upstream: the provider's managed key, else the client's own key moved to
 * the header the provider's kind reads (Azure's `api-key`, Anthropic's `x-api-key`, OpenAI's Bearer)
 * when the client's SDK put it elsewhere. Undefined: the client's headers pass as they are.
 */
export function upstreamCredential(route: RouteInfo, managed: UpstreamCredential | undefined, headers: IncomingHttpHeaders): UpstreamCredential | undefined {
  if (managed !== undefined) return managed;
  if (route.kind !== 'azure-openai' && familyOf(route.kind) === route.client) return undefined;
  const key = clientProviderKey(headers);
  return key === undefined ? undefined : credentialFor(route.kind, key);
}
