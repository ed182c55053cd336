import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiFamily } from './shared/shape.js';
import { errorBody, GatewayError, isGatewayError, statusFor, type ErrorCode } from './errors.js';
import { errorHeaders } from './response/respond.js';
import { specFamily } from './boundary/route-info.js';

/** Fastify's own error codes that mean the client sent something we refuse, mapped by code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'GW_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'GW_ERR_BODY_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'GW_ERR_BODY_INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'GW_ERR_BODY_INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'GW_ERR_BODY_INVALID_JSON',
};

/** Which API family's error shape a request expects, from its route or, for unknown routes, its path. */
export function providerOf(req: FastifyRequest): ApiFamily {
  const resolved = req.exchange?.route;
  if (resolved) return resolved.client;
  const spec = req.routeOptions.config.proxy;
  if (spec) return specFamily(spec);
  const url = req.url;
  return url.startsWith('/anthropic/') || /^(\/p\/[^/?]*)?\/v1\/messages/.test(url) ? 'anthropic' : 'openai';
}

export function toGatewayError(err: unknown): GatewayError {
  if (isGatewayError(err)) return err;
  const code = (err as FastifyError | undefined)?.code;
  if (code !== undefined && code in FASTIFY_CODES) return new GatewayError(FASTIFY_CODES[code]!);
  return new GatewayError('GW_ERR_INTERNAL', undefined, { cause: err });
}

/**
 * Notes a refusal on the exchange's record: refused before it went upstream means blocked, unless a
 * held confirmation already decided it (denied, timed out, abandoned), which says more.
 */
export function noteError(req: FastifyRequest, err: GatewayError): void {
  const state = req.exchange;
  if (!state) return;
  state.errorCode = err.code;
  if (state.upstreamStart === 0 && (state.decision === 'forwarded' || state.decision === 'redacted')) state.decision = 'blocked';
}

export function sendGatewayError(req: FastifyRequest, reply: FastifyReply, err: GatewayError): void {
  noteError(req, err);
  const provider = providerOf(req);
  const body = errorBody(provider, err);
  reply.code(statusFor(provider, err)).headers(errorHeaders(err, body)).send(body);
}

/** Every error and unknown route answers in the caller's provider shape with a GW_ERR_* code. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const gw = toGatewayError(err);
    if (gw.code === 'GW_ERR_INTERNAL') req.log.error({ err }, 'unhandled error');
    if (reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    sendGatewayError(req, reply, gw);
  });
  app.setNotFoundHandler((req, reply) => {
    sendGatewayError(req, reply, new GatewayError('GW_ERR_ROUTE_NOT_FOUND', `${req.method} ${req.url.split('?', 1)[0]}`));
  });
}
