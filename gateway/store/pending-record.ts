import { Type, type Static } from '@sinclair/typebox';
import type { AuditDecision } from '../shared/audit-event.js';
import { Literals } from '../shared/literals.js';

/**
 * A held confirmation as the store keeps it: enough to show the user what is waiting and to audit
 * the decision, never the raw value (the preview is masked before it gets here).
 */
export const PENDING_STATUSES = [
  'pending',
  'approved_redacted',
  'approved_original',
  'denied',
  'timed_out',
  'abandoned',
  'cancelled',
] as const;
export type PendingStatus = (typeof PENDING_STATUSES)[number];
export type PendingOutcome = Exclude<PendingStatus, 'pending'>;

/**
 * The audit decision an exchange held for the user shows, for each state of its hold: the gateway
 * writes it on the record, and the dashboard shows it on a held row before that record arrives.
 */
export const AUDIT_DECISION_OF_HOLD: Readonly<Record<PendingStatus, AuditDecision>> = {
  pending: 'held',
  approved_redacted: 'approved',
  approved_original: 'approved',
  denied: 'denied',
  timed_out: 'timed_out',
  abandoned: 'held',
  cancelled: 'held',
};

/** `everything`: every finding from the exchange's app, whatever its kind (one rule `{ app }`). */
export const REMEMBER_SCOPES = ['value', 'category', 'app', 'everything'] as const;
export const REMEMBER_LIFETIMES = ['once', 'until', 'restart', 'always'] as const;

const EpochMs = Type.Integer({ minimum: 0, description: 'epoch ms' });

export const RememberSchema = Type.Object(
  {
    scope: Literals(REMEMBER_SCOPES),
    lifetime: Literals(REMEMBER_LIFETIMES),
    until: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch ms; required when lifetime is "until"' })),
  },
  { additionalProperties: false },
);
export type Remember = Static<typeof RememberSchema>;

export const PendingTriggerSchema = Type.Object(
  {
    category: Type.String(),
    detector: Type.String(),
    ruleId: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const PendingRecordSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 128 }),
    createdAt: EpochMs,
    expiresAt: EpochMs,
    status: Literals(PENDING_STATUSES),
    stage: Literals(['request', 'response'] as const),
    trigger: PendingTriggerSchema,
    preview: Type.String({ maxLength: 4096, description: 'masked; never the raw value' }),
    clientApp: Type.String(),
    clientKeyId: Type.Optional(Type.String()),
    provider: Type.String(),
    model: Type.Optional(Type.String()),
    route: Type.String(),
    payloadHash: Type.String({ description: 'keyed hash of the exact payload the decision binds to' }),
    decidedBy: Type.Optional(Type.String({ description: 'admin, tray, timeout, system:restart…' })),
    decidedAt: Type.Optional(EpochMs),
    remember: Type.Optional(RememberSchema),
    reveals: Type.Optional(
      Type.Array(Type.Object({ by: Type.String(), at: EpochMs }, { additionalProperties: false }), {
        maxItems: 100,
        description: 'every explicit reveal of the full text: who and when, never what',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PendingRecord = Static<typeof PendingRecordSchema>;

/** What a decision writes; only an item still pending can be decided, so each is decided once. */
export interface PendingDecision {
  status: PendingOutcome;
  decidedBy: string;
  decidedAt: number;
  remember?: Remember;
}
