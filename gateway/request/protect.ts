import type { ServerResponse } from 'node:http';
import { EXPLAIN_PLACEHOLDERS_MAX, type AuditExplain } from '../shared/audit-event.js';
import type { MintForKind } from './redact-text.js';
import { stringifyJsonBody, type JsonBody } from '../boundary/body.js';
import type { Confirmations } from '../confirm/confirmations.js';
import { GatewayError } from '../errors.js';
import type { ScanEngine } from './engine.js';
import { scanRequestText, tallyFindings } from './scan-request.js';
import type { ScanUnit } from './units.js';
import { readField, type TextField } from '../adapters/text-field.js';
import { keyedHash } from '../keys/keyed-hash.js';
import type { PolicyFinding } from '../policy/finding.js';
import type { PolicyService } from '../policy/service.js';
import { applyRedactions } from './redact.js';
import type { Finding } from '../scan/types.js';
import { Slicer } from '../slicer.js';
import type { Vault, VaultSession } from '../vault/vault.js';
import type { KeyObject } from 'node:crypto';
import type { GatewayConfig } from '../config/schema.js';
import { holdRequest } from './hold.js';
import { exchangeContext, findingsToRedact, requestFindings } from './findings.js';
import type { RouteInfo } from '../shared/route.js';
import type { ClientIdentity, ExchangeState } from '../shared/exchange-state.js';

export interface ProtectDeps {
  engine: ScanEngine;
  vault: Vault;
  policy: PolicyService;
  confirmations: Confirmations;
  payloadKey: KeyObject;
  config: () => GatewayConfig;
}

/** What one request carries to scan: its JSON body, if any, and strings outside it (URL pieces). */
export interface RequestText {
  readonly json: JsonBody | undefined;
  /** Scanned and redacted alongside the body, written back in place (see request-target.ts). */
  readonly extra: readonly TextField[];
  /** Of `extra`, the strings no placeholder can stand in for: a finding to redact there refuses the request. */
  readonly unsafe: ReadonlySet<TextField>;
  /** What identifies the payload for a held confirmation (an identical retry gets the same answer). */
  readonly payload: Buffer;
}

export interface Protected {
  /** The JSON body to send upstream: the exact bytes received when it did not change; undefined without one. */
  body: Buffer | undefined;
  /** This exchange's placeholder mappings: restoration answers only for what it showed the model. */
  session: VaultSession;
  /** Whether any text changed (placeholders written, or placeholder-shaped client text escaped). */
  changed: boolean;
  redacted: number;
}

/** Detector ids and counts for the audit's explanation (the category counts stay in `findings`). */
function tallyDetectors(findings: readonly (readonly Finding[])[], explain: AuditExplain): void {
  for (const list of findings) {
    for (const f of list) {
      explain.detectors ??= {};
      explain.detectors[f.detector] = (explain.detectors[f.detector] ?? 0) + 1;
    }
  }
}

/** A finding the policy would replace, in a string no placeholder can stand in for: the request is refused. */
function refuseUnsafe(units: readonly ScanUnit[], toRedact: readonly (readonly Finding[])[], unsafe: ReadonlySet<TextField>): void {
  if (unsafe.size === 0) return;
  for (let i = 0; i < units.length; i++) {
    const list = toRedact[i]!;
    if (list.length > 0 && unsafe.has(units[i]!.field)) {
      throw new GatewayError('GW_ERR_SCAN_UNSAFE_TARGET', `a ${list[0]!.kind} in a query parameter name or in malformed percent-encoding`);
    }
  }
}

/** The mint, noting each placeholder it hands out (the first few, in order) for the audit. */
function notePlaceholders(mint: MintForKind, explain: AuditExplain): MintForKind {
  return (kind, value) => {
    const placeholder = mint(kind, value);
    explain.placeholders ??= [];
    if (explain.placeholders.length < EXPLAIN_PLACEHOLDERS_MAX && !explain.placeholders.includes(placeholder)) explain.placeholders.push(placeholder);
    return placeholder;
  };
}

/** Placeholders are stable per scope: the client key, else the app. */
const scopeOf = (client: ClientIdentity) => (client.keyId !== undefined ? `key:${client.keyId}` : `app:${client.app}`);

/**
 * The request side of an exchange, in order: scan every text-bearing field (fail closed), let the
 * policy decide per finding (allow, redact, confirm, block), hold for the user when it asks to,
 * write placeholders, and make the mappings durable before anything leaves.
 */
export async function protectRequest(route: RouteInfo, input: RequestText, state: ExchangeState, res: ServerResponse, deps: ProtectDeps): Promise<Protected> {
  const body = input.json;
  const scanned = await scanRequestText(route.shape, body?.json, input.extra, deps.engine, deps.config().limits.findings);
  tallyFindings(scanned.findings, state.findings);
  tallyDetectors(scanned.findings, state.explain);
  const { units } = scanned;
  let toRedact: readonly (readonly Finding[])[] = scanned.findings;

  // Everything per finding below runs in slices: one request's thousands of values must not stall the others.
  const slicer = new Slicer();
  const found = await requestFindings(units, scanned.findings, slicer);
  if (found.list.length > 0) {
    const ctx = exchangeContext(state, route.provider);
    const valueOf = (f: PolicyFinding) => units[found.unitOf.get(f)!]!.text.slice(f.start, f.end);
    const decision = await deps.policy.evaluateInSlices(found.list, ctx, valueOf, slicer);
    for (const f of found.list) if (f.category === 'injection') state.findings.injection = (state.findings.injection ?? 0) + 1;
    const userRules = [...new Set(decision.decisions.filter((d) => d.rule.source !== 'preset').map((d) => d.rule.id))];
    if (userRules.length > 0) state.ruleIds = userRules;
    await deps.policy.consume(decision.usedOnceRuleIds);

    if (decision.action === 'block') {
      const rule = decision.decisions.find((d) => d.action === 'block')!.rule;
      throw new GatewayError('GW_ERR_POLICY_BLOCKED', `rule ${rule.id}${rule.note ? ` (${rule.note})` : ''}`);
    }
    let confirmedAs: 'redact' | 'original' = 'redact';
    if (decision.action === 'confirm') {
      const payloadHash = keyedHash(deps.payloadKey, input.payload);
      const verdict = await holdRequest(deps.confirmations, deps.policy, { state, ctx, decision, units, unitOf: found.unitOf, all: found.list, payloadHash, res });
      if ('refuse' in verdict) throw verdict.refuse;
      confirmedAs = verdict.forward === 'original' ? 'original' : 'redact';
    }
    toRedact = await findingsToRedact(units.length, decision.decisions, found.unitOf, confirmedAs, slicer);
    refuseUnsafe(units, toRedact, input.unsafe);
  }

  const session = deps.vault.session(scopeOf(state.client));
  const result = await applyRedactions(units, toRedact, notePlaceholders(session.mint, state.explain), slicer);
  if (result.redacted > 0 && state.decision === 'forwarded') state.decision = 'redacted';
  try {
    await session.flush();
  } catch (err) {
    throw new GatewayError('GW_ERR_VAULT_UNAVAILABLE', undefined, { cause: err });
  }
  const bodyChanged = result.changed && units.some((u) => !input.extra.includes(u.field) && readField(u.field) !== u.text);
  return {
    // A large body is re-serialised on a scan worker: a megabyte of JSON.stringify would hold the loop.
    body: body && (bodyChanged ? await stringifyJsonBody(body.json, body.raw.length, deps.engine) : body.raw),
    session,
    changed: result.changed,
    redacted: result.redacted,
  };
}
