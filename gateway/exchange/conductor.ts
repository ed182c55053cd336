import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyRequest } from 'fastify';
import { requestFacts } from './request-facts.js';
import { familyOf, type ApiFamily, type ProviderName } from '../shared/shape.js';
import type { MaskedTexts } from '../audit/masked-memo.js';
import { usageFromJson, usageTap } from '../response/usage.js';
import type { RequestBody } from '../boundary/body.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import { chainTransforms } from '../stream/chain.js';
import type { UpstreamClient } from '../upstream/client.js';
import { headerAllowlist, upstreamRequestHeaders, type HeaderAllowlist } from '../upstream/headers.js';
import type { ResponseChains } from '../vault/response-chains.js';
import { translateUpstream, translatingRewrite, type TranslatedUpstream } from '../translate/exchange.js';
import { planProvider, upstreamCredential, upstreamPath } from './provider-plan.js';
import { relayTo, type RelayResult } from '../response/relay.js';
import type { ResponseRewrite } from '../stream/response-rewrite.js';
import type { RouteInfo } from '../shared/route.js';
import { toolCallJudge } from '../response/output-guard.js';
import type { ProtectDeps } from '../request/protect.js';
import { rewriteRequest } from '../request/request-side.js';
import { responseIdWatch } from '../response/response-ids.js';
import { responseRewrite } from '../response/rewrite.js';
import { scrubbing } from '../response/scrub.js';
import type { ExchangeState } from '../shared/exchange-state.js';

export interface ConductorDeps extends ProtectDeps {
  upstream: UpstreamClient;
  /** The auth step for a provider the model map chose (it looked up the route's). */
  switchProvider: (req: FastifyRequest, provider: ProviderName) => Promise<void>;
  config: () => GatewayConfig;
  loop: { header: string; value: string };
  chains: ResponseChains;
  masked: MaskedTexts;
}


/** Header allowlists compiled once per configuration (a new config is a new frozen array). */
const allowlists = new WeakMap<readonly string[], Record<ApiFamily, HeaderAllowlist>>();
function allowlistFor(provider: ApiFamily, extra: readonly string[]): HeaderAllowlist {
  let both = allowlists.get(extra);
  if (!both) allowlists.set(extra, (both = { openai: headerAllowlist('openai', extra), anthropic: headerAllowlist('anthropic', extra) }));
  return both[provider];
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
 * One exchange, top to bottom, as in DESIGN.md: admission and the boundary have already run (hooks
 * and body parsing); here come the request facts and limits, the scan/rewrite step, the upstream
 * call, and the response relay with its rewrite. Each step lives in its own module; this only
 * sequences them and notes what happened on the exchange's record.
 * Throws a GatewayError when the client should get an error response instead.
 */
export async function conductExchange(req: FastifyRequest, res: ServerResponse, deps: ConductorDeps): Promise<void> {
  const state = req.exchange!;
  const config = deps.config();
  const { limits, upstream } = config;
  const clientRoute = state.route;
  const body = req.body as RequestBody | undefined;
  state.bytesIn = body?.raw.length ?? 0;

  // Request facts and the message-count limit, before anything walks the body.
  let toolsOffered = false;
  let previousResponseId: string | undefined;
  let model: string | undefined;
  if (body?.kind === 'json') {
    const facts = requestFacts(clientRoute.shape, body.json);
    model = facts.model;
    toolsOffered = facts.tools;
    previousResponseId = facts.previousResponseId;
    // The audit keeps the model name, so it is scanned like any text it keeps.
    state.model = facts.model === undefined ? undefined : deps.masked.text(facts.model);
    state.stream = facts.stream;
    if (facts.messageCount > limits.messages) {
      throw new GatewayError('GW_ERR_BODY_TOO_MANY_MESSAGES', `more than ${limits.messages} messages`);
    }
  }

  // The provider: the model map may choose another one (and a rename); a shape it does not speak is
  // translated. Decided before the scan, so rules, holds and the audit see the provider it goes to.
  const clientPath = clientRoute.upstreamPath ?? (clientRoute.prefix ? req.url.slice(clientRoute.prefix.length) : req.url);
  const plan = planProvider(clientRoute, model, clientPath, config);
  if (plan.route.provider !== clientRoute.provider) {
    state.route = plan.route;
    await deps.switchProvider(req, plan.route.provider);
  }
  const route = state.route;

  // The request side in one call: scan, decide, hold if asked, redact, and fix what the response may restore.
  const side = await rewriteRequest(
    { route, body, clientPath, url: req.url, previousResponseId, rename: plan.translate ? undefined : plan.rename },
    state, res, deps,
  );
  let outBody = side.body;
  const { lookup, restoreStreams, restored, headers, recordChain: chain, target, ctx } = side;

  // The response side: restore, then judge tool calls and text on the way back.
  const input = { state, ctx, res, restoredSecrets: restored };
  const restoreAndGuard = responseRewrite(route.shape, lookup, restoreStreams, toolsOffered, { judge: toolCallJudge(deps, input), deps, input });
  const rewrite = scrubbing(restoreAndGuard, { managedKey: state.credential?.key, redacted: restored });

  // Translation, when the provider speaks the other API: the redacted request in its shape; its
  // answer back in the client's before anything on the response side looks at it.
  let translated: TranslatedUpstream | undefined;
  if (plan.translate) {
    translated = translateUpstream(route.shape, route.kind, outBody, plan.rename);
    outBody = translated.body;
  }
  const taps = withTaps(route, rewrite, state, headers, chain);

  // Upstream, with the response relayed as it arrives.
  const result: RelayResult = { status: 0, kind: 'none', bytesOut: 0 };
  const relay = relayTo(res, req.method, route, translated ? translatingRewrite(taps, route.shape, route.kind, translated.response) : taps, {
    responseBytes: limits.responseBytes,
    eventBytes: limits.sseEventBytes,
    totalBytes: limits.streamBytes,
    durationMs: limits.streamDurationMs,
  }, result);
  state.upstreamStart = performance.now();
  const credential = upstreamCredential(route, state.credential, req.headers);
  const own = config.providers[route.provider]?.headers;
  const fixed = translated?.headers ? { ...translated.headers, ...own } : own;
  const call = deps.upstream.start({
    provider: route.provider,
    method: req.method,
    path: upstreamPath(plan, target.render(), model, config, translated?.path),
    headers: upstreamRequestHeaders(req.headers, deps.loop.header, deps.loop.value, credential, allowlistFor(familyOf(route.kind), upstream.forwardHeaders), fixed),
    body: outBody,
  }, relay);
  // A client that leaves aborts the upstream request (not Fastify's request.signal: on Node 20 it
  // follows the request's `close`, which fires as soon as a POST body has been read).
  res.once('close', () => {
    if (!res.writableFinished) call.abort(new GatewayError('GW_ERR_CLIENT_CLOSED'));
  });
  state.onCut = (reason) => call.abort(reason);
  try {
    await call.done;
  } finally {
    state.upstreamEnd = call.endedAt || performance.now();
    state.bytesOut = result.bytesOut;
    if (result.errorCode !== undefined && result.errorCode !== 'GW_ERR_CLIENT_CLOSED') state.errorCode = result.errorCode;
  }
}
