// The request side of an exchange, top to bottom: scan every text-bearing string (scan-request.ts),
// turn what was found into the policy's decision (findings.ts), hold for the user when the policy
// asks to (confirm/hold-for-user.ts), write placeholders (redact.ts), and commit the vault session's new mappings
// before anything is forwarded. What the response may restore is restore-scope.ts.
import type { KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { readField, type TextField } from '../adapters/text-field.js';
import { stringifyJsonBody, type JsonBody } from '../body/parse.js';
import type { GatewayConfig } from '../config/schema.js';
import type { Confirmations } from '../confirm/confirmations.js';
import { holdForUser } from '../confirm/hold-for-user.js';
import { maskedPreview } from '../confirm/preview.js';
import { GatewayError } from '../errors.js';
import { keyedHash } from '../keys/keyed-hash.js';
import type { PolicyFinding } from '../policy/finding.js';
import type { PolicyService } from '../policy/service.js';
import type { Finding } from '../scan/types.js';
import { EXPLAIN_PLACEHOLDERS_MAX, type AuditExplain } from '../shared/audit-event.js';
import type { ClientIdentity, ExchangeState } from '../shared/exchange-state.js';
import type { RouteInfo } from '../shared/route.js';
import { Slicer } from '../slicer.js';
import type { Vault, VaultSession } from '../vault/vault.js';
import { decideRequest, exchangeContext, findingsToRedact, refuseUnsafe, requestFindings, tallyDetectors, tallyFindings, type RequestFindings } from './findings.js';
import { applyRedactions, type MintForKind } from './redact.js';
import type { ScanEngine } from './scan-engine.js';
import { scanRequestText, type ScanUnit } from './scan-request.js';

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
  /** Scanned and redacted alongside the body, written back in place (see openRequestTarget in scan-request.ts). */
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

/** The mint, noting each placeholder it hands out (the first few, in order) for the audit. */
function notePlaceholders(mint: MintForKind, explain: AuditExplain): MintForKind {
  return (kind, value) => {
    const placeholder = mint(kind, value);
    explain.placeholders ??= [];
    if (explain.placeholders.length < EXPLAIN_PLACEHOLDERS_MAX && !explain.placeholders.includes(placeholder)) explain.placeholders.push(placeholder);
    return placeholder;
  };
}

/**
 * What the user sees of a held request: the fields with asking findings, every detected value masked;
 * only an explicit, audited reveal shows those fields in full.
 */
function heldText(units: readonly ScanUnit[], unitOf: ReadonlyMap<PolicyFinding, number>, all: readonly PolicyFinding[], asking: readonly PolicyFinding[]) {
  const unitIds = [...new Set(asking.map((f) => unitOf.get(f)!))].sort((a, b) => a - b);
  const inUnit = (u: number, list: readonly PolicyFinding[]) => list.filter((f) => unitOf.get(f) === u);
  return {
    preview: unitIds.map((u) => maskedPreview(units[u]!.text, inUnit(u, all), inUnit(u, asking))).join('\n…\n'),
    reveal: () => unitIds.map((u) => units[u]!.text).join('\n…\n'),
  };
}

/** No finding in the request: shared, as nothing is ever added to it. */
const NO_FINDINGS: RequestFindings = { list: [], unitOf: new Map() };

/** Placeholders are stable per scope: the client key, else the app. */
const scopeOf = (client: ClientIdentity) => (client.keyId !== undefined ? `key:${client.keyId}` : `app:${client.app}`);

/**
 * The request side of an exchange, in order: scan every text-bearing field (fail closed), let the
 * policy decide per finding (allow, redact, confirm, block), hold for the user when it asks to,
 * write placeholders, and make the mappings durable before anything leaves.
 */
export async function protectRequest(route: RouteInfo, input: RequestText, state: ExchangeState, res: ServerResponse, deps: ProtectDeps): Promise<Protected> {
  // Scan: every string of the body and the URL, inline or on a worker; a failure forwards nothing.
  const body = input.json;
  const scanning = scanRequestText(route.shape, body?.json, input.extra, deps.engine, deps.config().limits.findings);
  // Awaited only when a worker scans: most requests take no turn of the microtask queue here.
  const scanned = scanning instanceof Promise ? await scanning : scanning;
  tallyFindings(scanned.findings, state.findings);
  tallyDetectors(scanned.findings, state.explain);
  const { units } = scanned;
  let toRedact: readonly (readonly Finding[])[] = scanned.findings;

  // Everything per finding below runs in slices: one request's thousands of values must not stall the others.
  const slicer = new Slicer();
  // Nothing detected and nothing untrusted to look at for injection: no findings, and no promise for them.
  const found = scanned.total === 0 && !units.some((u) => u.field.untrusted) ? NO_FINDINGS : await requestFindings(units, scanned.findings, slicer);
  if (found.list.length > 0) {
    // Decide: the policy per finding; a block throws.
    const ctx = exchangeContext(state, route.provider);
    const decision = await decideRequest(deps.policy, found, units, ctx, state, slicer);
    // Hold: the user answers a confirm (or its timeout default does).
    let confirmedAs: 'redact' | 'original' = 'redact';
    if (decision.action === 'confirm') {
      const verdict = await holdForUser(deps.confirmations, deps.policy, {
        stage: 'request', state, ctx, decision, res,
        ...heldText(units, found.unitOf, found.list, decision.toConfirm.map((d) => d.finding)),
        payloadHash: keyedHash(deps.payloadKey, input.payload),
        valueOf: (f) => units[found.unitOf.get(f)!]?.text.slice(f.start, f.end),
      });
      if ('refuse' in verdict) throw verdict.refuse;
      confirmedAs = verdict.forward === 'original' ? 'original' : 'redact';
    }
    toRedact = await findingsToRedact(units.length, decision.decisions, found.unitOf, confirmedAs, slicer);
    refuseUnsafe(units, toRedact, input.unsafe);
  }

  // Redact: placeholders minted in this exchange's vault session, written into the units.
  const session = deps.vault.session(scopeOf(state.client));
  const redacting = applyRedactions(units, toRedact, notePlaceholders(session.mint, state.explain), slicer);
  const result = redacting instanceof Promise ? await redacting : redacting;
  if (result.redacted > 0 && state.decision === 'forwarded') state.decision = 'redacted';
  // Commit: the new mappings are durable before the request leaves, or nothing leaves.
  if (session.pending > 0) {
    try {
      await session.flush();
    } catch (err) {
      throw new GatewayError('GW_ERR_VAULT_UNAVAILABLE', undefined, { cause: err });
    }
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
