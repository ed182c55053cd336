import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GatewayError } from '../errors.js';
import { parseContentEncoding } from '../shared/content-coding.js';
import { HostPolicy, isBrowserRequest } from './host.js';
import { allowedMethods } from './methods.js';
import { isWebSocketHandshake } from './websocket.js';

export interface BoundaryOptions {
  bindHost: string;
  bodyLimit: number;
  loopHeader: string;
}

const isJsonMediaType = (ct: string | undefined) =>
  ct !== undefined && /^application\/json\s*(;|$)/i.test(ct);

/**
 * Checks that run in onRequest, before a single body byte is read: Host (DNS rebinding) everywhere;
 * WebSocket handshakes, absolute-form targets, browser origin, loop detection, media type and coding
 * on proxy routes; the declared length; then, on proxy routes, the methods the path takes.
 */
async function boundary(app: FastifyInstance, opts: BoundaryOptions): Promise<void> {
  const hosts = new HostPolicy(opts.bindHost);
  const { loopHeader, bodyLimit } = opts;

  app.addHook('onRequest', (req, reply, done) => {
    const headers = req.headers;
    if (!hosts.allows(headers.host, req.raw.socket.localPort)) return done(new GatewayError('GW_ERR_BOUNDARY_HOST'));
    const route = req.routeOptions.config.proxy;
    if (route) {
      // The gateway speaks HTTP only. Answering the handshake at once makes Codex switch to HTTP
      // straight away; forwarding it as a GET cost it seconds of reconnects (and an upstream call).
      if (isWebSocketHandshake(headers)) {
        reply.header('upgrade', 'HTTP/1.1');
        return done(new GatewayError('GW_ERR_BOUNDARY_WEBSOCKET'));
      }
      // Absolute-form targets (`POST http://other/v1/…`) would carry a client-chosen authority upstream.
      if (req.url.charCodeAt(0) !== 0x2f) return done(new GatewayError('GW_ERR_BOUNDARY_TARGET'));
      if (isBrowserRequest(headers)) return done(new GatewayError('GW_ERR_BOUNDARY_BROWSER'));
      if (headers[loopHeader] !== undefined) return done(new GatewayError('GW_ERR_BOUNDARY_LOOP'));
      if (route.shape !== 'passthrough' && !isJsonMediaType(headers['content-type'])) {
        return done(new GatewayError('GW_ERR_BODY_MEDIA_TYPE'));
      }
      // An unknown coding could not be scanned: refused before a byte of the body is read.
      const codings = parseContentEncoding(headers['content-encoding']);
      if ('unsupported' in codings) return done(new GatewayError('GW_ERR_BODY_ENCODING_UNSUPPORTED', codings.unsupported));
    }
    const declared = headers['content-length'];
    if (declared !== undefined && Number(declared) > bodyLimit) {
      // Close rather than read and discard the rest of an oversized body.
      reply.header('connection', 'close');
      return done(new GatewayError('GW_ERR_BODY_TOO_LARGE', `limit is ${bodyLimit} bytes`));
    }
    // Last, and before any key is looked at: a method the path does not take (405 with Allow) is
    // refused without spending the client's rate limit.
    const exchange = req.exchange;
    if (exchange === undefined) return done();
    const query = req.url.indexOf('?');
    const path = (query === -1 ? req.url : req.url.slice(0, query)).slice(exchange.route.prefix.length);
    const allowed = allowedMethods(exchange.route.client, path);
    if (allowed.includes(req.method)) return done();
    reply.header('allow', allowed.join(', '));
    done(new GatewayError('GW_ERR_METHOD_NOT_ALLOWED', `${req.method} ${path}`));
  });
}

// Registered after admission, which resolves the exchange's route (the 405 reads it); without it the 405 is skipped.
export const boundaryPlugin = fp(boundary, { name: 'aegis-boundary', fastify: '5.x' });
