import type { ProviderName } from '../shared/shape.js';
import type { Finding } from '../scan/types.js';
import type { PresetName } from '../shared/presets.js';
import type { FieldKind, GuardCategory } from '../shared/finding-lists.js';

/**
 * What the policy decides about: detector findings (PII, secrets, custom terms), request-guard findings
 * (prompt injection) and response-guard findings (dangerous tool calls), all in one shape so one rule
 * model covers them. Offsets are UTF-16 indexes into the field's text; a finding never carries a value.
 */

/** A scan-step finding (PII, secret, custom term), as the scan step defines it. */
export type DetectorFinding = Readonly<Finding>;

/** A finding produced by a guard: `injection` on request inputs, `response` on model output. */
export interface GuardFinding {
  readonly detector: string;
  readonly category: GuardCategory;
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

// The category and field-kind lists live in shared/finding-lists.ts, with the schema and the dashboard's.
export type { FieldKind, FindingCategory } from '../shared/finding-lists.js';

/** The field a finding came from, as rules match it: request text (see request/findings.ts) or model output. */
export interface FieldContext {
  /** Message role as the provider names it: user, assistant, system, developer, tool… */
  readonly role: string;
  readonly fieldKind: FieldKind;
  /** True for text the user did not write: tool results, retrieved documents, fetched pages. */
  readonly untrusted: boolean;
  /** Where inside the field, for audit and previews (e.g. `command`, `arguments.cmd[2]`). */
  readonly path?: string;
}

export type PolicyFinding = (DetectorFinding | GuardFinding) & { readonly field: FieldContext };

/** The exchange a finding belongs to; rules may narrow on any of these. */
export interface ExchangeContext {
  /** Client key name, or the User-Agent product when the client is anonymous. */
  readonly app: string;
  readonly clientKeyId?: string;
  /** The client key's own preset, which replaces the global one for this exchange (per-client profiles). */
  readonly preset?: PresetName;
  readonly provider: ProviderName;
  readonly model?: string;
  readonly route: string;
}
