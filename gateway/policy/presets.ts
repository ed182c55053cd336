import type { PresetName } from '../shared/presets.js';
import type { Action, Rule, RuleMatch } from './rule.js';

/**
 * Presets are ordinary rules with `source: 'preset'`, so one evaluator and one precedence order serve
 * both; every preset ends in a catch-all, so every finding gets a decision. The user's own rules always
 * sit in a higher tier than these (see precedence.ts).
 */

/**
 * Detector ids whose values are worth a question even in `balanced`: private keys and cloud
 * credentials grant standing access, unlike most other secrets. Ids are the scan step's detector ids
 * (gateway/scan); a GCP service-account key file is caught by `private-key`, the PEM inside it.
 */
export const CONFIRM_DETECTORS: readonly string[] = [
  'private-key',
  'aws-access-key',
  'aws-secret-key',
  'google-api-key',
];

const rule = (preset: PresetName, slug: string, match: RuleMatch, action: Action, note: string): Rule => ({
  id: `preset:${preset}:${slug}`,
  match,
  action,
  lifetime: { kind: 'always' },
  createdAt: 0,
  source: 'preset',
  note,
});

/**
 * Guard findings are never `redact`ed by a preset: masking an injection phrase or a shell command is not
 * what anyone means by redaction, so where a preset does not ask, it lets them through for the audit.
 */
const permissive: readonly Rule[] = [
  rule('permissive', 'all', {}, 'redact', 'Redact every finding; never hold or block'),
  rule('permissive', 'injection', { category: 'injection' }, 'allow', 'Record injection heuristics only'),
  rule('permissive', 'response', { category: 'response' }, 'allow', 'Record response-guard findings only'),
];

/**
 * Tool definitions are the client program's text (names, descriptions, schemas), the same in every
 * request: a finding there is redacted, never held, so vendor boilerplate cannot hold every request
 * of an agent. These rules name the detectors that ask, narrowed to tool definitions, so they win.
 */
const toolDefinitionsRedact = (preset: PresetName): Rule[] =>
  CONFIRM_DETECTORS.map((detector) =>
    rule(preset, `tool-definition-${detector}`, { category: 'secret', detector, fieldKind: 'tool_definition' }, 'redact', 'Secrets in tool definitions are redacted, never held'));

const balanced: readonly Rule[] = [
  rule('balanced', 'all', {}, 'redact', 'Redact anything not named below'),
  rule('balanced', 'pii', { category: 'pii' }, 'redact', 'Redact PII'),
  rule('balanced', 'secret', { category: 'secret' }, 'redact', 'Redact secrets'),
  rule('balanced', 'custom', { category: 'custom' }, 'redact', 'Redact custom terms'),
  rule('balanced', 'name', { category: 'name' }, 'redact', 'Redact names of people, places and organisations (when those detectors are on)'),
  ...CONFIRM_DETECTORS.map((detector) =>
    rule('balanced', `confirm-${detector}`, { category: 'secret', detector }, 'confirm', 'Private keys and cloud credentials ask first')),
  rule('balanced', 'injection', { category: 'injection' }, 'allow', 'Injection heuristics in text the user wrote are recorded only'),
  rule('balanced', 'injection-untrusted', { category: 'injection', untrusted: true }, 'confirm', 'Injection in tool results and fetched content asks first'),
  rule('balanced', 'response', { category: 'response' }, 'allow', 'Dangerous text in model output is annotated'),
  rule('balanced', 'response-tool-call', { category: 'response', fieldKind: 'tool_args' }, 'confirm', 'Dangerous tool calls ask first'),
  ...toolDefinitionsRedact('balanced'),
];

const strict: readonly Rule[] = [
  rule('strict', 'all', {}, 'confirm', 'Ask about everything the user has not allowed'),
  rule('strict', 'tool-definition', { fieldKind: 'tool_definition' }, 'redact', 'Findings in tool definitions are redacted, never held'),
  // A name in prose is likely in most requests once the name detectors are on; asking about each would
  // hold nearly every exchange, so even strict masks them.
  rule('strict', 'name', { category: 'name' }, 'redact', 'Names of people, places and organisations are redacted, never held'),
];

export const PRESETS: Readonly<Record<PresetName, readonly Rule[]>> = { permissive, balanced, strict };
