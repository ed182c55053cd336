import type { FastifyInstance } from 'fastify';
import { StatsQuerySchema, type StatsQuery, type StatsResponse } from '../contract.js';

/** The per-second series behind the dashboard's throughput graphs (last 1 or 15 minutes). */
export async function statsRoute(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: StatsQuery }>('/stats', { schema: { querystring: StatsQuerySchema } }, async (req): Promise<StatsResponse> => {
    const window = req.query.window ?? 60;
    return { window, series: app.metrics.series(window), summary: app.metrics.summary(window) };
  });
}
