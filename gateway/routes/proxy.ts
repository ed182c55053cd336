import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_PROVIDERS, type ApiFamily, type ApiShape } from '../shared/shape.js';
import { GatewayError, isGatewayError } from '../errors.js';
import { conductExchange, type ConductorDeps } from '../exchange/conductor.js';
import { noteError } from '../error-handler.js';
import { writeError } from '../response/respond.js';
import type { RouteSpec } from '../shared/route.js';
import { RELAY_PATH, RELAY_ROUTE, relayBody } from './relay.js';

interface ShapedRoute {
  path: string;
  shape: ApiShape;
  /** The default provider's name, which is also the shape's API family. */
  provider: ApiFamily;
}

/** Every method but POST (HEAD comes with GET); all of them answer 405 on a shaped path. */
const OTHER_METHODS = ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

const SHAPED: ShapedRoute[] = [
  { path: '/v1/chat/completions', shape: 'openai-chat', provider: 'openai' },
  { path: '/v1/responses', shape: 'openai-responses', provider: 'openai' },
  { path: '/v1/messages', shape: 'anthropic-messages', provider: 'anthropic' },
  { path: '/v1/messages/count_tokens', shape: 'anthropic-messages', provider: 'anthropic' },
];

/**
 * The route table (DESIGN.md): the known JSON shapes on POST; every other /v1 method and path passes
 * through. Bare `/v1/messages*` goes to anthropic and other `/v1/*` to openai (unless the model map
 * says otherwise); `/openai/v1/*`, `/anthropic/v1/*` and `/p/{provider}/v1/*` name the provider, which
 * must be configured. No request header ever chooses the upstream, and no request chooses a host.
 */
export async function proxyRoutes(app: FastifyInstance, deps: ConductorDeps): Promise<void> {
  // Not async, and no async wrapper inside: one promise per exchange (the conductor's) and its catch.
  const handler = (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // From here on we write the raw response ourselves (streams, exact upstream bytes).
    reply.hijack();
    const settled = conductExchange(req, reply.raw, deps).catch((err: unknown) => {
      const gw = isGatewayError(err) ? err : new GatewayError('GW_ERR_INTERNAL', undefined, { cause: err });
      if (gw.code === 'GW_ERR_INTERNAL') req.log.error({ err }, 'exchange failed');
      noteError(req, gw);
      if (reply.raw.destroyed || reply.raw.writableEnded) return;
      if (reply.raw.headersSent) reply.raw.destroy();
      else writeError(reply.raw, req.exchange!.route.client, gw);
    });
    // The audit event waits for this: the socket may close before the exchange has noted its outcome.
    req.exchange!.settled = settled;
    return settled;
  };
  const add = (method: 'POST' | 'ALL', url: string, proxy: RouteSpec) => {
    if (method === 'POST') app.post(url, { config: { proxy } }, handler);
    else app.all(url, { config: { proxy } }, handler);
  };

  // The shaped paths' other methods belong to the same provider (so the 405 comes in its shape).
  const others = (url: string, proxy: RouteSpec) => app.route({ method: OTHER_METHODS, url, config: { proxy }, handler });
  for (const r of SHAPED) {
    add('POST', r.path, { provider: r.provider, shape: r.shape, prefix: '' });
    others(r.path, { provider: r.provider, shape: 'passthrough', prefix: '' });
  }
  add('ALL', '/v1/messages/*', { provider: 'anthropic', shape: 'passthrough', prefix: '' });
  add('ALL', '/v1/*', { provider: 'openai', shape: 'passthrough', prefix: '' });

  for (const provider of DEFAULT_PROVIDERS) {
    const prefix = `/${provider}`;
    for (const r of SHAPED.filter((s) => s.provider === provider)) {
      add('POST', prefix + r.path, { provider, shape: r.shape, prefix });
      others(prefix + r.path, { provider, shape: 'passthrough', prefix });
    }
    add('ALL', `${prefix}/v1/*`, { provider, shape: 'passthrough', prefix });
  }

  // `/p/{provider}/…`: any configured provider, every shape (translated when it is not the provider's kind).
  for (const r of SHAPED) {
    add('POST', `/p/:provider${r.path}`, { shape: r.shape, prefix: '' });
    others(`/p/:provider${r.path}`, { shape: 'passthrough', prefix: '', family: r.provider });
  }
  add('ALL', '/p/:provider/v1/*', { shape: 'passthrough', prefix: '' });

  // The relay endpoint (routes/relay.ts): its body becomes a Chat body before the exchange reads it.
  app.post(RELAY_PATH, { config: { proxy: RELAY_ROUTE }, preHandler: relayBody }, handler);
}
