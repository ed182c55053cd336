/**
 * The finding categories and field kinds, declared once: the scan and policy types, the config and
 * rule schemas, the admin contract, the dashboard's options and the docs tables all come from here.
 * Plain data, no imports, so the dashboard bundles it without TypeBox.
 */

/** Personal data, credentials, user deny terms, injection heuristics, response-guard findings, names. */
export const FINDING_CATEGORIES = ['pii', 'secret', 'custom', 'injection', 'response', 'name'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** What the guards find (`injection` on request inputs, `response` on model output); the rest the scan step finds. */
export const GUARD_CATEGORIES = ['injection', 'response'] as const satisfies readonly FindingCategory[];
export type GuardCategory = (typeof GUARD_CATEGORIES)[number];

/** The scan step's categories: what is redacted unless a rule lets it through. */
export type DetectorCategory = Exclude<FindingCategory, GuardCategory>;
export const DETECTOR_CATEGORIES: readonly DetectorCategory[] = FINDING_CATEGORIES.filter(
  (c): c is DetectorCategory => !(GUARD_CATEGORIES as readonly string[]).includes(c),
);

/** The built-in detectors' categories: `custom` findings come from the user's deny terms only. */
export type BuiltinCategory = Exclude<DetectorCategory, 'custom'>;
export const BUILTIN_CATEGORIES: readonly BuiltinCategory[] = DETECTOR_CATEGORIES.filter((c): c is BuiltinCategory => c !== 'custom');

/** Which kind of field the text came from; model output uses `message` (text) and `tool_args`. */
export const FIELD_KINDS = ['message', 'system', 'tool_result', 'tool_args', 'document', 'tool_definition'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
