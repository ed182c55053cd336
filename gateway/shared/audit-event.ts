import { Type, type Static } from '@sinclair/typebox';

/**
 * One audit event per exchange. It records what happened, never what was said: findings are
 * category → count, and nothing here may carry a value or an unsalted hash of one.
 */
export const AUDIT_DECISIONS = ['forwarded', 'redacted', 'blocked', 'held', 'approved', 'denied', 'timed_out'] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

const Ms = Type.Number({ minimum: 0, description: 'milliseconds' });
const Count = Type.Integer({ minimum: 0 });

/** Placeholders listed per event at most; the count of findings says how many there were in all. */
export const EXPLAIN_PLACEHOLDERS_MAX = 50;

/**
 * Why the exchange went as it did, still without a value: which detectors fired, which placeholders
 * replaced them, and for a held exchange what was sent, who decided and under which rule.
 */
export const AuditExplainSchema = Type.Object(
  {
    detectors: Type.Optional(Type.Record(Type.String(), Count, { description: 'detector id → findings; never values' })),
    placeholders: Type.Optional(Type.Array(Type.String(), { maxItems: EXPLAIN_PLACEHOLDERS_MAX, description: 'placeholder ids written into the request, e.g. [[EMAIL_1A2B3C4D]]' })),
    sent: Type.Optional(Type.Union([Type.Literal('original'), Type.Literal('redacted'), Type.Literal('nothing')], { description: 'what a held exchange sent upstream' })),
    decidedBy: Type.Optional(Type.String({ description: 'who settled the hold: dashboard, admin, timeout, client:disconnected, system:…' })),
    heldBy: Type.Optional(Type.String({ description: 'the rule that asked for the hold' })),
  },
  { additionalProperties: false },
);
export type AuditExplain = Static<typeof AuditExplainSchema>;

export const AuditEventSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, description: 'time-ordered id, see newEventId' }),
    time: Type.Integer({ minimum: 0, description: 'when the exchange started, epoch ms' }),
    client: Type.Object(
      {
        keyId: Type.Optional(Type.String({ description: 'gateway client key id, when one authenticated' })),
        app: Type.String({ description: 'client key name, or the User-Agent product' }),
      },
      { additionalProperties: false },
    ),
    provider: Type.String({ minLength: 1 }),
    route: Type.String({ description: 'the path, without query; segments a detector flags masked as [KIND]' }),
    model: Type.Optional(Type.String()),
    stream: Type.Boolean(),
    status: Type.Integer({ minimum: 0, maximum: 999, description: 'HTTP status sent to the client' }),
    durations: Type.Object(
      {
        totalMs: Ms,
        upstreamMs: Ms,
        overheadMs: Ms,
        waitMs: Type.Optional(Type.Number({ minimum: 0, description: 'time held waiting for a decision; not part of totalMs or overheadMs' })),
      },
      { additionalProperties: false },
    ),
    bytes: Type.Object({ in: Count, out: Count }, { additionalProperties: false }),
    usage: Type.Object(
      { inputTokens: Type.Optional(Count), outputTokens: Type.Optional(Count) },
      { additionalProperties: false },
    ),
    findings: Type.Record(Type.String(), Count, { description: 'category → count; never values' }),
    decision: Type.Union(AUDIT_DECISIONS.map((d) => Type.Literal(d))),
    errorCode: Type.Optional(Type.String({ description: 'GW_ERR_* code or upstream error code' })),
    pendingId: Type.Optional(Type.String()),
    ruleIds: Type.Optional(Type.Array(Type.String())),
    userAgent: Type.Optional(Type.String({ maxLength: 512, description: 'the User-Agent as sent: capped, control characters dropped, anything a detector flags masked as [KIND]' })),
    explain: Type.Optional(AuditExplainSchema),
  },
  { additionalProperties: false },
);

export type AuditEvent = Static<typeof AuditEventSchema>;
