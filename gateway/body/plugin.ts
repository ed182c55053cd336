import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { GatewayConfig } from '../config/schema.js';
import { loadSigningKey } from '../keys/signing-key.js';
import type { NonceRepo } from '../store/types.js';
import type { DecodeLimits } from './decode.js';
import type { JsonLimits } from './json-limits.js';
import { registerBodyParsers, type JsonOffload } from './parse.js';
import { signatureCheck } from './signature-check.js';

export interface BodyPluginOptions {
  bodyLimit: number;
  json: JsonLimits;
  decode: DecodeLimits;
  /** The scan engine's worker pool, for large bodies' parse. */
  pool?: JsonOffload;
  /** Holds the request-signing secret (`signing-key`). */
  dataDir: string;
  /** The live `auth` settings (signing mode and window). */
  auth: () => GatewayConfig['auth'];
  /** Where a signed request's nonce is recorded (the store, or Redis when scaled out). */
  nonces: NonceRepo;
}

/**
 * Reading a request's body, after the boundary and auth have let it in: the content-type parsers
 * (decoded, JSON under its limits), then, as a preHandler, the HMAC signature over the bytes read.
 * Not encapsulated: the parsers are the app's own, for every route, and the check reads only proxy
 * routes; a route's own preHandler (the relay's) runs after it.
 */
async function body(app: FastifyInstance, opts: BodyPluginOptions): Promise<void> {
  registerBodyParsers(app, opts.bodyLimit, opts.json, opts.decode, opts.pool);
  const key = await loadSigningKey(opts.dataDir);
  app.addHook('preHandler', signatureCheck({ auth: opts.auth, key, nonces: opts.nonces }));
}

export const bodyPlugin = fp(body, { name: 'aegis-body', fastify: '5.x' });
