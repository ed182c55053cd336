import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AuditQuery, Store } from '../../store/types.js';
import {
  AuditExportQuerySchema, AuditListQuerySchema,
  type AuditExportQuery, type AuditListQuery, type AuditPage,
} from '../contract.js';
import { parseTimeSpec } from '../time-spec.js';
import { badRequest } from '../validation.js';

const EXPORT_CHUNK = 64 * 1024;

function timeBound(field: string, text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseTimeSpec(text, now);
  if (ms === undefined) throw badRequest(field, 'expected epoch ms, an ISO 8601 time, or a span such as 24h');
  return ms;
}

function timeRange(q: { since?: string; until?: string }): { since?: number; until?: number } {
  const now = Date.now();
  const range: { since?: number; until?: number } = {};
  const since = timeBound('since', q.since, now);
  const until = timeBound('until', q.until, now);
  if (since !== undefined) range.since = since;
  if (until !== undefined) range.until = until;
  return range;
}

/** The audit trail: paged and filtered (newest first), and the whole range as NDJSON (oldest first). */
export async function auditRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  const { audit } = opts.store;

  app.get<{ Querystring: AuditListQuery; Reply: AuditPage }>(
    '/audit',
    { schema: { querystring: AuditListQuerySchema } },
    async (req) => {
      const { since: _s, until: _u, ...filters } = req.query;
      const query: AuditQuery = { ...filters, ...timeRange(req.query) };
      try {
        return await audit.list(query);
      } catch (err) {
        // The cursor is opaque to us; a store error without a code is its verdict on a cursor it did not issue.
        if (query.cursor !== undefined && (err as { code?: unknown }).code === undefined) throw badRequest('cursor', 'not a cursor this gateway issued');
        throw err;
      }
    },
  );

  app.get<{ Querystring: AuditExportQuery }>('/audit/export', { schema: { querystring: AuditExportQuerySchema } }, async (req, reply) => {
    const range = timeRange(req.query);
    // Lines go out in chunks of ~64 KiB: one write per line would cost a syscall per event.
    async function* lines(): AsyncGenerator<string> {
      let chunk = '';
      for await (const event of audit.export(range)) {
        chunk += `${JSON.stringify(event)}\n`;
        if (chunk.length >= EXPORT_CHUNK) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    // Readable.from pulls the next event only when the socket wants more, so a slow reader holds back the store reads.
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="aegisgate-audit.jsonl"')
      .send(Readable.from(lines()));
  });
}
