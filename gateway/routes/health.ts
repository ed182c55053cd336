import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from '../lifecycle.js';

/** Liveness (the process answers) and readiness (it accepts new work). */
export async function healthRoutes(app: FastifyInstance, opts: { lifecycle: Lifecycle }): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (opts.lifecycle.draining) return reply.code(503).send({ status: 'draining' });
    return { status: 'ready' };
  });
}
