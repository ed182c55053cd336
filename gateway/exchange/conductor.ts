import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyRequest } from 'fastify';
import { requestFacts } from './request-facts.js';
import { familyOf, type ApiFamily, type ProviderName } from '../shared/shape.js';
import type { MaskedTexts } from '../audit/masked-memo.js';
import type { RequestBody } from '../body/parse.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import type { UpstreamClient } from '../upstream/client.js';
import { headerAllowlist, upstreamRequestHeaders, type HeaderAllowlist } from '../upstream/headers.js';
import type { ResponseChains } from '../vault/response-chains.js';
import { translateUpstream } from '../translate/exchange.js';
import { planProvider, upstreamCredential, upstreamPath } from './provider-plan.js';
import type { ProtectDeps } from '../request/protect.js';
import { rewriteRequest } from '../request/request-side.js';
import { buildResponseSide } from '../response/response-side.js';

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
 * One exchange, top to bottom, as in DESIGN.md: admission and the boundary have already run (hooks
 * and body parsing); here come the request facts and limits, the provider plan, the request side,
 * translation, the response side and the upstream call, each entered once. Each step lives in its
 * own module; this only sequences them and notes what happened on the exchange's record.
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
  const rewriting = rewriteRequest(
    { route, body, clientPath, url: req.url, previousResponseId, rename: plan.translate ? undefined : plan.rename },
    state, res, deps,
  );
  // Awaited only when a step had to wait (most requests: none did).
  const side = rewriting instanceof Promise ? await rewriting : rewriting;

  // Translation, when the provider speaks the other API: the redacted request in its shape; its
  // answer back in the client's (`wrap`) before anything on the response side looks at it.
  const translated = plan.translate ? translateUpstream(route.shape, route.kind, side.body, plan.rename) : undefined;

  // The response side in one call: restore, judge tool calls and text, scrub, tap usage and the
  // response id, relayed under the response limits as the upstream answers.
  const { relay, result } = buildResponseSide(
    { route, method: req.method, toolsOffered, scope: side, wrap: translated?.wrap, limits },
    state, res, deps,
  );

  // Upstream, with the response relayed as it arrives.
  state.upstreamStart = performance.now();
  const credential = upstreamCredential(route, state.credential, req.headers);
  const own = config.providers[route.provider]?.headers;
  const fixed = translated?.headers ? { ...translated.headers, ...own } : own;
  const call = deps.upstream.start({
    provider: route.provider,
    method: req.method,
    path: upstreamPath(plan, side.target.render(), model, config, translated?.path),
    headers: upstreamRequestHeaders(req.headers, deps.loop.header, deps.loop.value, credential, allowlistFor(familyOf(route.kind), upstream.forwardHeaders), fixed),
    body: translated ? translated.body : side.body,
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
