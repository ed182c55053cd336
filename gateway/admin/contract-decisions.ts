import { Type, type Static } from '@sinclair/typebox';
import { DISABLED_SCOPES } from '../policy/broad-allow.js';
import { ActionSchema, RuleMatchSchema, RuleSchema } from '../policy/rule-schema.js';
import { FINDING_CATEGORIES } from '../shared/finding-lists.js';
import { PendingRecordSchema, REMEMBER_LIFETIMES, REMEMBER_SCOPES } from '../store/pending-record.js';
import { Literals, PRESET_NAMES, strict } from './contract-shared.js';

/**
 * The admin contract's part for decisions (re-exported by contract.ts): held confirmations, deciding
 * them, and the rules a decision may remember. TypeBox only, like the rest of the contract.
 */

// ── held confirmations ───────────────────────────────────────────────────────────────────────
/** A held item as the confirmations manager shows it: the store's record plus live state. Never a value. */
export const PendingViewSchema = Type.Composite(
  [
    PendingRecordSchema,
    Type.Object({
      remainingMs: Type.Number({ minimum: 0, description: 'time left before the timeout default applies; 0 once decided' }),
      findings: Type.Array(
        Type.Object({ category: Type.String(), detector: Type.String(), kind: Type.String(), field: Type.Optional(Type.String()) }, strict),
      ),
      reveals: Type.Array(Type.Object({ by: Type.String(), at: Type.Integer({ minimum: 0 }) }, strict), { description: 'who revealed the full text, when; never what' }),
      rememberFailed: Type.Optional(Type.Literal(true)),
      rememberedRuleIds: Type.Optional(Type.Array(Type.String(), { description: 'rules this decision remembered, for an undo (absent when another instance held it)' })),
      retries: Type.Optional(Type.Integer({ minimum: 0, description: 'identical retries (same client, same payload) that joined it or got its decision without a new question' })),
      frozen: Type.Optional(Type.Literal(true, { description: 'someone is looking at it: the clock stands at remainingMs' })),
    }),
  ],
  strict,
);
export type PendingView = Static<typeof PendingViewSchema>;

export const PENDING_CHANGES = ['added', 'decided', 'expired', 'abandoned', 'cancelled', 'touched', 'revealed', 'retried'] as const;
export const PendingOutcomeSchema = Type.Object(
  {
    kind: Literals(['approved_redacted', 'approved_original', 'denied', 'timed_out', 'abandoned', 'cancelled'] as const),
    pendingId: Type.String(),
    applied: Type.Optional(Literals(['deny', 'redact'] as const)),
  },
  strict,
);
/** The `pending` stream event: what happened to a held item, and its state after. */
export const PendingChangeSchema = Type.Object(
  {
    change: Literals(PENDING_CHANGES),
    pending: PendingViewSchema,
    /** How it ended (decided, expired, abandoned, cancelled). */
    outcome: Type.Optional(PendingOutcomeSchema),
    /** Who revealed the full text (revealed). */
    by: Type.Optional(Type.String()),
  },
  strict,
);
export type PendingChange = Static<typeof PendingChangeSchema>;

// ── deciding held confirmations ──────────────────────────────────────────────────────────────
export const CONFIRM_DECISIONS = ['approve_redacted', 'approve_original', 'deny'] as const;
export type ConfirmDecision = (typeof CONFIRM_DECISIONS)[number];

/** "Remember this decision" as a rule: this value / this category / this app, for once / until a time / until restart / always. */
export const RememberSchema = Type.Object(
  {
    scope: Literals(REMEMBER_SCOPES),
    lifetime: Literals(REMEMBER_LIFETIMES),
    until: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch ms, in the future; required when lifetime is "until"' })),
    /** Required as "all" with approve_original and scope `everything`: every finding from the app then goes out unredacted. */
    confirmDisables: Type.Optional(Literals(DISABLED_SCOPES)),
  },
  strict,
);
export type Remember = Static<typeof RememberSchema>;

export const PendingListSchema = Type.Object({ items: Type.Array(PendingViewSchema, { description: 'oldest first' }) }, strict);
export type PendingList = Static<typeof PendingListSchema>;
export const PendingParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }, strict);
export type PendingParams = Static<typeof PendingParamsSchema>;

/**
 * Body of `POST /admin/confirmations/:id/decision`. `remember` turns the decision into a rule
 * (`until` is required, and must be in the future, when `lifetime` is `until`; `restart` lasts
 * until the gateway restarts). `payloadHash`, when sent, must be the one the item was shown with.
 */
export const DecisionBodySchema = Type.Object(
  {
    decision: Literals(CONFIRM_DECISIONS),
    remember: Type.Optional(RememberSchema),
    payloadHash: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  strict,
);
export type DecisionBody = Static<typeof DecisionBodySchema>;
/** The item after a decision or a touch. */
export const PendingItemResponseSchema = Type.Object({ item: PendingViewSchema }, strict);
export type PendingItemResponse = Static<typeof PendingItemResponseSchema>;
/** `POST /admin/confirmations/:id/reveal`: the unmasked text. Audited; sent with `cache-control: no-store`. */
export const RevealResponseSchema = Type.Object({ text: Type.String() }, strict);
export type RevealResponse = Static<typeof RevealResponseSchema>;

// ── rules ────────────────────────────────────────────────────────────────────────────────────
// The policy's rule model, from its TypeBox-only module (the validating one compiles at load, which a
// CSP-bound browser cannot run).
export { ActionSchema, RuleMatchSchema, RuleSchema };
export type { Lifetime as RuleLifetime, Rule, RuleMatch } from '../policy/rule-schema.js';
export const RULE_ACTIONS = ['allow', 'redact', 'confirm', 'block'] as const;

/** A rule as the admin API lists it: with how many exchanges it decided and when it last did (counted in batches). */
export const ListedRuleSchema = Type.Composite([
  RuleSchema,
  Type.Object({ hits: Type.Integer({ minimum: 0 }), lastHitAt: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch ms of the latest match' })) }),
], strict);
export type ListedRule = Static<typeof ListedRuleSchema>;

/** `GET /admin/rules`: the user's rules (editable) and the active preset's (read-only), each in no particular order. */
export const RulesViewSchema = Type.Object({ preset: Literals(PRESET_NAMES), rules: Type.Array(ListedRuleSchema), presetRules: Type.Array(ListedRuleSchema) }, strict);

/** `GET /admin/rules/choices`: what a rule may name: every detector id (with its category), and the apps seen or keyed. */
export const RuleChoicesSchema = Type.Object(
  {
    detectors: Type.Array(Type.Object({ id: Type.String(), category: Literals(FINDING_CATEGORIES) }, strict)),
    apps: Type.Array(Type.String(), { description: 'client-key apps and apps in the recent audit, sorted' }),
  },
  strict,
);
export type RuleChoices = Static<typeof RuleChoicesSchema>;
export type RulesView = Static<typeof RulesViewSchema>;

/**
 * Body of `POST /admin/rules` and `PUT /admin/rules/:id`: a rule without `id`, `createdAt` and
 * `source`, which the server sets. `match.value` is the plain value of a value rule: the server
 * stores only its keyed hash (`match.valueHash`) and never returns or keeps the value. A `session`
 * lifetime (until restart) is stamped with the current run; any `sessionId` sent is replaced.
 */
export const RuleInputSchema = Type.Object(
  {
    match: Type.Composite([RuleMatchSchema, Type.Object({ value: Type.Optional(Type.String({ minLength: 1, maxLength: 16 * 1024 })) })], strict),
    action: Literals(RULE_ACTIONS),
    lifetime: Type.Union([
      Type.Object({ kind: Type.Literal('once') }, strict),
      Type.Object({ kind: Type.Literal('until'), until: Type.Integer({ minimum: 0, description: 'epoch ms, in the future' }) }, strict),
      Type.Object({ kind: Type.Literal('session'), sessionId: Type.Optional(Type.String({ maxLength: 200 })) }, strict),
      Type.Object({ kind: Type.Literal('always') }, strict),
    ]),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    /** Required, equal to what it disables, for an allow rule with no detector and no value (see policy/broad-allow.ts). */
    confirmDisables: Type.Optional(Literals(DISABLED_SCOPES)),
    /** POST only, to undo a delete: the rule comes back with its id, creation time and source (409 if the id exists). */
    restore: Type.Optional(Type.Object({
      id: Type.String({ minLength: 1, maxLength: 200 }),
      createdAt: Type.Integer({ minimum: 0 }),
      source: Type.Union([Type.Literal('user'), Type.Literal('remembered')]),
    }, strict)),
  },
  strict,
);
export type RuleInput = Static<typeof RuleInputSchema>;
export const RuleParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
export type RuleParams = Static<typeof RuleParamsSchema>;
export const RuleResponseSchema = Type.Object({ rule: RuleSchema }, strict);
export type RuleResponse = Static<typeof RuleResponseSchema>;

export const RULE_CHANGES = ['created', 'updated', 'deleted', 'remembered'] as const;
/** The `rules.changed` stream event: reload `GET /admin/rules`. `id` is absent for remembered decisions (one or more rules). */
export const RulesChangedSchema = Type.Object({ change: Literals(RULE_CHANGES), id: Type.Optional(Type.String()) }, strict);
