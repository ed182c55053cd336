import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditRecorder } from '../audit/recorder.js';
import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import type { Lifecycle } from '../lifecycle.js';
import type { ClientIdentifier } from './app-identity.js';
import { resolveRoute } from './route-info.js';
import { type RouteInfo } from '../shared/route.js';
import type { OverloadGuard } from './overload.js';
import { ExchangeState } from '../shared/exchange-state.js';

export interface AdmissionOptions {
  /** The live configuration: `/p/{provider}` routes are resolved against it per request. */
  config: () => GatewayConfig;
  lifecycle: Lifecycle;
  recorder: AuditRecorder;
  clients: ClientIdentifier;
  /** The path as the audit keeps it: segments a detector flags are masked (gateway/audit/mask.ts). */
  auditPath: (path: string) => string;
  /** `relay.enabled`, read per request (the relay route answers 404 while it is off). */
  relayEnabled: () => boolean;
  /** Load shedding at the edge (server.maxInFlight, server.maxEventLoopDelayMs). */
  overload: OverloadGuard;
}

/**
 * The first hook on proxy routes: refuse new work while draining, past the load limits (not
 * audited, only counted: shedding must stay cheaper than serving) or while the audit trail is
 * backed up, then open the exchange's record, which is written as one audit event when the client
 * connection closes and the exchange has settled (so the row carries the outcome the conductor
 * noted) — so boundary refusals, upstream failures and abandoned streams are all recorded.
 */
async function admission(app: FastifyInstance, opts: AdmissionOptions): Promise<void> {
  const { lifecycle, recorder, clients, auditPath, overload } = opts;
  app.addHook('onClose', async () => overload.stop());
  app.addHook('onRequest', (req, reply, done) => {
    const spec = req.routeOptions.config.proxy;
    if (!spec) return done();
    let route: RouteInfo;
    try {
      route = resolveRoute(spec, req.params, opts.config());
    } catch (err) {
      return done(err as Error);
    }
    if (route.relay && !opts.relayEnabled()) return done(new GatewayError('GW_ERR_RELAY_DISABLED'));
    if (lifecycle.draining) {
      reply.header('connection', 'close');
      return done(new GatewayError('GW_ERR_SHUTTING_DOWN', undefined, { retryAfter: 5 }));
    }
    const overloaded = overload.check();
    if (overloaded) return done(overloaded);
    try {
      recorder.admit();
    } catch (err) {
      return done(err as Error);
    }
    const res = reply.raw;
    const query = req.url.indexOf('?');
    const client = clients.identify(req.headers);
    const state = new ExchangeState(route, auditPath(query === -1 ? req.url : req.url.slice(0, query)), { app: client.app });
    state.userAgent = client.userAgent;
    req.exchange = state;
    const cut = (reason: Error) => state.cut(reason);
    lifecycle.enter(cut);
    res.once('close', () => {
      lifecycle.leave(cut);
      // Recorded once the conductor has set the outcome (error code, bytes out), not before.
      const record = () => recorder.finish(state, res);
      if (state.settled) void state.settled.then(record, record);
      else record();
    });
    done();
  });
}

export const admissionPlugin = fp(admission, { name: 'aegis-admission', fastify: '5.x' });
