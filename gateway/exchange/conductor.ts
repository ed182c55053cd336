import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { requestFacts } from '../adapters/request-facts.js';
import type { RequestBody } from '../boundary/body.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import type { UpstreamClient } from '../upstream/client.js';
import { upstreamRequestHeaders } from '../upstream/headers.js';
import { relayResponse, type ResponseRewrite } from './relay.js';
import type { RouteInfo } from './route-info.js';

export interface ConductorDeps {
  upstream: UpstreamClient;
  config: () => GatewayConfig;
  loop: { header: string; value: string };
  rewrite: (route: RouteInfo) => ResponseRewrite;
}

/**
 * One exchange, top to bottom, as in DESIGN.md: the boundary has already run (hooks and body
 * parsing); here come the request facts and limits, the scan/rewrite step, the upstream call, and
 * the response relay with its rewrite. Each step lives in its own module; this only sequences them.
 */
export async function conductExchange(req: FastifyRequest, res: ServerResponse, route: RouteInfo, deps: ConductorDeps): Promise<void> {
  const config = deps.config();
  const clientGone = abortWhenClientLeaves(res);
  const body = req.body as RequestBody | undefined;

  // Request facts and the message-count limit, before anything walks the body.
  const facts = body?.kind === 'json' ? requestFacts(route.shape, body.json) : undefined;
  if (facts && facts.messageCount > config.limits.messages) {
    throw new GatewayError('GW_ERR_BODY_TOO_MANY_MESSAGES', `more than ${config.limits.messages} messages`);
  }

  // Scan/rewrite step: none yet, so the original bytes go out as received.
  const outBody = body?.raw;

  const upstream = await deps.upstream.send({
    provider: route.provider,
    method: req.method,
    path: route.prefix ? req.url.slice(route.prefix.length) : req.url,
    headers: upstreamRequestHeaders(req.headers, deps.loop.header, deps.loop.value),
    body: outBody,
    signal: clientGone,
  });

  const { limits } = config;
  await relayResponse(upstream, res, req.method, route.shape, deps.rewrite(route), {
    responseBytes: limits.responseBytes,
    eventBytes: limits.sseEventBytes,
    totalBytes: limits.streamBytes,
    durationMs: limits.streamDurationMs,
  }, clientGone);
}

/**
 * Fires when the client goes away before its response finished. Fastify's `request.signal` cannot
 * be used: on Node 20 it follows the request's `close`, which fires once a POST body is read.
 */
function abortWhenClientLeaves(res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) ac.abort();
  });
  return ac.signal;
}
