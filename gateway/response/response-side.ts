import type { ServerResponse } from 'node:http';
import type { GatewayConfig } from '../config/schema.js';
import type { ExchangeContext } from '../policy/finding.js';
import type { ExchangeState } from '../shared/exchange-state.js';
import type { RouteInfo } from '../shared/route.js';
import { chainTransforms } from '../stream/chain.js';
import type { ResponseRewrite } from '../stream/response-rewrite.js';
import type { HeadHandler } from '../upstream/call.js';
import { toolCallJudge, type ResponseGuardDeps } from './output-guard.js';
import { relayTo, type RelayResult } from './relay.js';
import type { Lookup } from './restore/restore-text.js';
import { responseIdWatch } from './response-ids.js';
import { responseRewrite } from './rewrite.js';
import { scrubbing } from './scrub.js';
import { usageFromJson, usageTap } from './usage.js';

/** What the request side fixed for the response (request/request-side.ts returns it). */
export interface ResponseScope {
  /** What the response may restore; undefined when nothing was scanned. */
  lookup: Lookup | undefined;
  restoreStreams: boolean;
  /** The values restored into the response: the exfiltration guard's secrets, masked in headers. */
  restored: readonly string[];
  /** Records a Responses API reply's id with the placeholders its conversation showed the model. */
  recordChain: ((id: string) => void) | undefined;
  /** Headers added to the response: the redaction count, when anything was scanned. */
  headers: Record<string, string> | undefined;
  /** Who asked, for what, through which provider: what the response's rules and holds see. */
  ctx: ExchangeContext;
}

export interface ResponseSideInput {
  /** The client's route: its shape picks the rewrite, its provider the shape of refusals. */
  route: RouteInfo;
  method: string;
  /** The request offered the model tools, so the response may carry tool calls to judge. */
  toolsOffered: boolean;
  scope: ResponseScope;
  /**
   * Translation's wrapper (translate/exchange.ts), when the provider speaks the other API: the
   * provider's answer becomes the client's shape before anything here looks at it. Injected, as
   * response/ sits below translate/.
   */
  wrap?: ((inner: ResponseRewrite) => ResponseRewrite) | undefined;
  limits: GatewayConfig['limits'];
}

/** What the upstream call needs: the handler that relays its answer, and where the relay notes how it went. */
export interface ResponseSide {
  relay: HeadHandler;
  result: RelayResult;
}

/**
 * Wraps the response rewrite so token usage is read on the way through, for the audit event, and
 * a Responses API reply's id is recorded with the placeholders its conversation showed the model
 * (a later request continuing it with `previous_response_id` may restore them).
 */
function withTaps(route: RouteInfo, base: ResponseRewrite, state: ExchangeState, headers: Record<string, string> | undefined, chain: ((id: string) => void) | undefined): ResponseRewrite {
  const ids = chain ? responseIdWatch(chain) : undefined;
  return {
    relayStreamBytes: base.relayStreamBytes,
    responseHeaders: base.responseHeaders,
    json: (body, status) => {
      usageFromJson(body, state);
      ids?.json(body);
      return base.json(body, status);
    },
    sse: () => chainTransforms(base.sse(), usageTap(route.shape, state), ...(ids ? [ids.sse()] : [])),
    headers,
  };
}

/**
 * The response side of one exchange, in one call from the conductor, the mirror of
 * request/request-side.ts. Outermost first, as the answer meets them: translation (when injected),
 * the usage and response-id taps, scrubbing of the managed key and redacted values, then the
 * shape's rewrite (restore, tool calls withheld and judged, text guarded); the relay applies it
 * under the response limits.
 */
export function buildResponseSide(input: ResponseSideInput, state: ExchangeState, res: ServerResponse, deps: ResponseGuardDeps): ResponseSide {
  const { route, scope, limits } = input;
  const guardInput = { state, ctx: scope.ctx, res, restoredSecrets: scope.restored };
  const restoreAndGuard = responseRewrite(route.shape, scope.lookup, scope.restoreStreams, input.toolsOffered, { judge: toolCallJudge(deps, guardInput), deps, input: guardInput });
  const rewrite = scrubbing(restoreAndGuard, { managedKey: state.credential?.key, redacted: scope.restored });
  const taps = withTaps(route, rewrite, state, scope.headers, scope.recordChain);
  const result: RelayResult = { status: 0, kind: 'none', bytesOut: 0 };
  const relay = relayTo(res, input.method, route, input.wrap ? input.wrap(taps) : taps, {
    responseBytes: limits.responseBytes,
    eventBytes: limits.sseEventBytes,
    totalBytes: limits.streamBytes,
    durationMs: limits.streamDurationMs,
  }, result);
  return { relay, result };
}
