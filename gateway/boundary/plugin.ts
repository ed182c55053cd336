import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GatewayError } from '../errors.js';
import type { Lifecycle } from '../lifecycle.js';
import { HostPolicy, isBrowserRequest } from './host.js';

export interface BoundaryOptions {
  bindHost: string;
  bodyLimit: number;
  loopHeader: string;
  lifecycle: Lifecycle;
}

const isJsonMediaType = (ct: string | undefined) =>
  ct !== undefined && /^application\/json\s*(;|$)/i.test(ct);

/**
 * Checks that run in onRequest, before a single body byte is read: draining, Host (DNS rebinding),
 * browser origin and loop detection on proxy routes, media type and declared length.
 */
async function boundary(app: FastifyInstance, opts: BoundaryOptions): Promise<void> {
  const hosts = new HostPolicy(opts.bindHost);
  const { lifecycle, loopHeader, bodyLimit } = opts;

  app.addHook('onRequest', (req, reply, done) => {
    if (lifecycle.draining) {
      reply.header('connection', 'close');
      return done(new GatewayError('GW_ERR_SHUTTING_DOWN', undefined, { retryAfter: 5 }));
    }
    lifecycle.enter();
    reply.raw.once('close', () => lifecycle.leave());

    const headers = req.headers;
    if (!hosts.allows(headers.host, req.raw.socket.localPort)) return done(new GatewayError('GW_ERR_BOUNDARY_HOST'));
    const route = req.routeOptions.config.proxy;
    if (route) {
      if (isBrowserRequest(headers)) return done(new GatewayError('GW_ERR_BOUNDARY_BROWSER'));
      if (headers[loopHeader] !== undefined) return done(new GatewayError('GW_ERR_BOUNDARY_LOOP'));
      if (route.shape !== 'passthrough' && !isJsonMediaType(headers['content-type'])) {
        return done(new GatewayError('GW_ERR_BODY_MEDIA_TYPE'));
      }
    }
    const declared = headers['content-length'];
    if (declared !== undefined && Number(declared) > bodyLimit) {
      // Close rather than read and discard the rest of an oversized body.
      reply.header('connection', 'close');
      return done(new GatewayError('GW_ERR_BODY_TOO_LARGE', `limit is ${bodyLimit} bytes`));
    }
    done();
  });
}

export const boundaryPlugin = fp(boundary, { name: 'aegis-boundary', fastify: '5.x' });
