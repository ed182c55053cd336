import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildGateway } from './app.js';
import type { GatewayConfig } from './config/schema.js';

export interface RunningGateway {
  app: FastifyInstance;
  url: string;
  port: number;
  /** Drain (new requests get 503, in-flight ones get the grace period), then close everything. Idempotent. */
  shutdown(): Promise<void>;
}

export function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/** Builds and listens. The only place besides Electron main that calls `listen`. */
export async function startGateway(config: GatewayConfig, logger?: FastifyBaseLogger): Promise<RunningGateway> {
  const app = await buildGateway({ config, logger });
  await app.listen({ host: config.host, port: config.port });
  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      const { finished, remaining } = await app.lifecycle.drain(config.server.shutdownGraceMs);
      if (!finished) app.log.warn({ remaining }, 'grace period over; closing remaining connections');
      await app.close();
    })());
  return { app, url: urlFor(config.host, port), port, shutdown };
}
