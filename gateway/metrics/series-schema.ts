import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * What the per-second window holds, as TypeBox schemas so the admin contract can reuse them.
 * Times are epoch seconds (uPlot's x unit); latencies are milliseconds.
 */
export const SECOND_FIELDS = ['rps', 'errors', 'p50Ms', 'p99Ms', 'overheadP50Ms', 'bytesIn', 'bytesOut', 'findings', 'blocks', 'pending'] as const;
export type SecondField = (typeof SECOND_FIELDS)[number];

const DOCS: Record<SecondField, string> = {
  rps: 'exchanges finished in this second',
  errors: 'of those, status ≥ 400 or an error code',
  p50Ms: 'median total time, ms',
  p99Ms: '99th percentile total time, ms',
  overheadP50Ms: 'median gateway overhead (total minus upstream), ms',
  bytesIn: 'request bytes received',
  bytesOut: 'response bytes sent',
  findings: 'findings, all categories',
  blocks: 'exchanges blocked or denied',
  pending: 'pending confirmations, sampled once a second',
};

function perField<T extends TSchema>(make: (description: string) => T): Record<SecondField, T> {
  return Object.fromEntries(SECOND_FIELDS.map((f) => [f, make(DOCS[f])])) as Record<SecondField, T>;
}

export const MetricsSecondSchema = Type.Object(
  {
    t: Type.Integer({ minimum: 0, description: 'epoch seconds' }),
    ...perField((description) => Type.Number({ minimum: 0, description })),
    providers: Type.Optional(Type.Record(Type.String(), Type.Number({ minimum: 0 }), { description: 'exchanges finished in this second by configured provider name (those with any)' })),
  },
  { additionalProperties: false },
);
export type MetricsSecond = Static<typeof MetricsSecondSchema>;

/** Columnar, oldest first, one entry per second with no gaps: seconds without traffic are zeros. */
export const MetricsSeriesSchema = Type.Object(
  {
    t: Type.Array(Type.Integer({ minimum: 0 }), { description: 'epoch seconds' }),
    ...perField((description) => Type.Array(Type.Number({ minimum: 0 }), { description })),
    providers: Type.Optional(Type.Record(Type.String(), Type.Array(Type.Number({ minimum: 0 })), { description: 'exchanges per second by configured provider name, aligned with t' })),
  },
  { additionalProperties: false },
);
export type MetricsSeries = Static<typeof MetricsSeriesSchema>;

/** Per request over the whole window (see window-percentiles.ts), not per second. */
export const WindowSummarySchema = Type.Object(
  {
    requests: Type.Integer({ minimum: 0, description: 'exchanges in the window (at most the sample capacity)' }),
    p50Ms: Type.Number({ minimum: 0, description: 'median total time per request, wait for a decision excluded' }),
    p99Ms: Type.Number({ minimum: 0 }),
    overheadP50Ms: Type.Number({ minimum: 0, description: 'median gateway overhead per request' }),
    held: Type.Integer({ minimum: 0, description: 'exchanges that waited for a decision' }),
    waitP50Ms: Type.Number({ minimum: 0, description: 'median time held exchanges waited for you' }),
  },
  { additionalProperties: false },
);
export type WindowSummary = Static<typeof WindowSummarySchema>;
