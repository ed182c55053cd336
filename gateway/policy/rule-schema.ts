import { Type, type Static } from '@sinclair/typebox';
import { FIELD_KINDS, FINDING_CATEGORIES } from '../shared/finding-lists.js';
import { Literals } from '../shared/literals.js';

/**
 * The rule model as TypeBox schemas only (no compiler at load), so the admin contract and the
 * dashboard can use the same definition the policy validates with. A rule is match × action ×
 * lifetime, like an application firewall rule. Values are matched by keyed hash only.
 */
const strict = { additionalProperties: false } as const;

export const ActionSchema = Type.Union([
  Type.Literal('allow'), Type.Literal('redact'), Type.Literal('confirm'), Type.Literal('block'),
]);
export type Action = Static<typeof ActionSchema>;

export const RuleMatchSchema = Type.Object(
  {
    category: Type.Optional(Literals(FINDING_CATEGORIES)),
    detector: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Keyed hash of the exact value (the gateway's hash function), never the value itself. */
    valueHash: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    app: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** A gateway client key by its id (`ck_…`): a per-client profile; with `app`, both must match. */
    clientKeyId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    provider: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$', description: 'a configured provider name' })),
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    route: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** Where the finding sits; presets use these to treat tool results and tool calls differently. */
    fieldKind: Type.Optional(Literals(FIELD_KINDS)),
    untrusted: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type RuleMatch = Static<typeof RuleMatchSchema>;

export const LifetimeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('once') }, strict),
  /** Valid while `now < until` (epoch milliseconds). */
  Type.Object({ kind: Type.Literal('until'), until: Type.Integer({ minimum: 0 }) }, strict),
  /** Until the gateway restarts: valid only in the session (process run) that created it. */
  Type.Object({ kind: Type.Literal('session'), sessionId: Type.String({ minLength: 1, maxLength: 200 }) }, strict),
  Type.Object({ kind: Type.Literal('always') }, strict),
]);
export type Lifetime = Static<typeof LifetimeSchema>;

export const RuleSourceSchema = Type.Union([Type.Literal('user'), Type.Literal('remembered'), Type.Literal('preset')]);

export const RuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    match: RuleMatchSchema,
    action: ActionSchema,
    lifetime: LifetimeSchema,
    createdAt: Type.Integer({ minimum: 0 }),
    source: Type.Optional(RuleSourceSchema),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);
export type Rule = Static<typeof RuleSchema>;
