import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DecodeLimits } from './decode.js';
import type { JsonLimits } from './json-limits.js';
import { registerBodyParsers, type JsonOffload } from './parse.js';

export interface BodyPluginOptions {
  bodyLimit: number;
  json: JsonLimits;
  decode: DecodeLimits;
  /** The scan engine's worker pool, for large bodies' parse. */
  pool?: JsonOffload;
}

/**
 * Reading a request's body, after the boundary and auth have let it in: the content-type parsers
 * (decoded, JSON under its limits). Not encapsulated: the parsers are the app's own, for every route.
 */
async function body(app: FastifyInstance, opts: BodyPluginOptions): Promise<void> {
  registerBodyParsers(app, opts.bodyLimit, opts.json, opts.decode, opts.pool);
}

export const bodyPlugin = fp(body, { name: 'aegis-body', fastify: '5.x' });
