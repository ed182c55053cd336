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
import { decideRequest, exchangeContext, findingsToRedact, refuseUnsafe, requestFindings, tallyDetectors, tallyFindings } from './findings.js';
import { applyRedactions, type MintForKind, type RedactionResult } from './redact.js';
import type { ScanEngine } from './scan-engine.js';
import { scanRequestText, type ScannedRequest, type ScanUnit } from './scan-request.js';

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

/** Placeholders are stable per scope: the client key, else the app. */
const scopeOf = (client: ClientIdentity) => (client.keyId !== undefined ? `key:${client.keyId}` : `app:${client.app}`);

/** One request being protected: what every step below reads. */
interface Job {
  route: RouteInfo;
  input: RequestText;
  state: ExchangeState;
  res: ServerResponse;
  deps: ProtectDeps;
}

/**
 * The request side of an exchange, in order: scan every text-bearing field (fail closed), let the
 * policy decide per finding (allow, redact, confirm, block), hold for the user when it asks to,
 * write placeholders, and make the mappings durable before anything leaves. Synchronous unless a
 * step must wait (a worker, the policy's slices, the user, a vault write, a large body): most
 * requests find nothing and take no turn of the microtask queue here.
 */
export function protectRequest(route: RouteInfo, input: RequestText, state: ExchangeState, res: ServerResponse, deps: ProtectDeps): Protected | Promise<Protected> {
  const job: Job = { route, input, state, res, deps };
  // Scan: every string of the body and the URL, inline or on a worker; a failure forwards nothing.
  const scanning = scanRequestText(route.shape, input.json?.json, input.extra, deps.engine, deps.config().limits.findings);
  return scanning instanceof Promise ? scanning.then((s) => afterScan(job, s)) : afterScan(job, scanning);
}

function afterScan(job: Job, scanned: ScannedRequest): Protected | Promise<Protected> {
  tallyFindings(scanned.findings, job.state.findings);
  tallyDetectors(scanned.findings, job.state.explain);
  // Everything per finding below runs in slices: one request's thousands of values must not stall the others.
  const slicer = new Slicer();
  // Nothing detected and nothing untrusted to look at for injection: nothing to decide.
  if (scanned.total === 0 && !scanned.units.some((u) => u.field.untrusted)) return redact(job, scanned.units, scanned.findings, slicer);
  return decide(job, scanned, slicer);
}

async function decide(job: Job, scanned: ScannedRequest, slicer: Slicer): Promise<Protected> {
  const { route, input, state, res, deps } = job;
  const { units } = scanned;
  let toRedact: readonly (readonly Finding[])[] = scanned.findings;
  const found = await requestFindings(units, scanned.findings, slicer);
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
  return redact(job, units, toRedact, slicer);
}

/** Redact: placeholders minted in this exchange's vault session, written into the units. */
function redact(job: Job, units: readonly ScanUnit[], toRedact: readonly (readonly Finding[])[], slicer: Slicer): Protected | Promise<Protected> {
  const session = job.deps.vault.session(scopeOf(job.state.client));
  const redacting = applyRedactions(units, toRedact, notePlaceholders(session.mint, job.state.explain), slicer);
  return redacting instanceof Promise ? redacting.then((r) => commit(job, units, r, session)) : commit(job, units, redacting, session);
}

/** Commit: the new mappings are durable before the request leaves, or nothing leaves. */
function commit(job: Job, units: readonly ScanUnit[], result: RedactionResult, session: VaultSession): Protected | Promise<Protected> {
  if (result.redacted > 0 && job.state.decision === 'forwarded') job.state.decision = 'redacted';
  if (session.pending === 0) return protectedBody(job, units, result, session);
  return session.flush().then(
    () => protectedBody(job, units, result, session),
    (err: unknown) => {
      throw new GatewayError('GW_ERR_VAULT_UNAVAILABLE', undefined, { cause: err });
    },
  );
}

function protectedBody(job: Job, units: readonly ScanUnit[], result: RedactionResult, session: VaultSession): Protected | Promise<Protected> {
  const body = job.input.json;
  const out: Protected = { body: body?.raw, session, changed: result.changed, redacted: result.redacted };
  const bodyChanged = result.changed && units.some((u) => !job.input.extra.includes(u.field) && readField(u.field) !== u.text);
  if (body === undefined || !bodyChanged) return out;
  // A large body is re-serialised on a scan worker: a megabyte of JSON.stringify would hold the loop.
  return stringifyJsonBody(body.json, body.raw.length, job.deps.engine).then((bytes) => ({ ...out, body: bytes }));
}
