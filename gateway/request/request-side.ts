import type { ServerResponse } from 'node:http';
import { openRawBody, type OpenedBody } from '../adapters/raw-body.js';
import type { RequestBody } from '../body/parse.js';
import { GatewayError } from '../errors.js';
import type { ResponseScope } from '../response/response-side.js';
import type { ExchangeState } from '../shared/exchange-state.js';
import type { RouteInfo } from '../shared/route.js';
import type { ResponseChains } from '../vault/response-chains.js';
import { exchangeContext, tallyFindings } from './findings.js';
import { protectRequest, type ProtectDeps, type Protected } from './protect.js';
import { restoreScope, type RestoreScope } from './restore-scope.js';
import { openRequestTarget, type RequestTarget } from './scan-request.js';

/**
 * The request side of one exchange, in one call from the conductor: the JSON body or the text of
 * another body, with the URL's query values and passthrough path segments, is scanned, decided, held
 * if asked and redacted (protect.ts); then what the response may restore is fixed (restore-scope.ts).
 * The exact bytes received go out when nothing changed.
 */
export interface RequestSideInput {
  route: RouteInfo;
  body: RequestBody | undefined;
  /** The path and query as the client sent them, past any provider prefix. */
  clientPath: string;
  /** The whole request URL, hashed with the body to recognise an identical retry of a held request. */
  url: string;
  previousResponseId: string | undefined;
  /** The model map's rename, applied to a JSON body after redaction (same API, no translation). */
  rename: string | undefined;
}

/** What goes upstream, and what the response side may restore and whose rules it answers to. */
export interface RequestSide extends ResponseScope {
  /** The body to send upstream (the received bytes when nothing changed). */
  body: Buffer | undefined;
  /** The URL target, redacted: its `render()` is the upstream path and query. */
  target: RequestTarget;
}

/** The upstream body with the model map's rename (same API, no translation). */
function renamed(body: Buffer, model: string): Buffer {
  const doc = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...doc, model }));
}

type Deps = ProtectDeps & { chains: ResponseChains };

/**
 * Synchronous unless a step must wait (a worker's scan, the policy, the user, the vault, a stored
 * conversation): most requests come back without a turn of the microtask queue.
 */
export function rewriteRequest(input: RequestSideInput, state: ExchangeState, res: ServerResponse, deps: Deps): RequestSide | Promise<RequestSide> {
  const { route, body } = input;
  const target = openRequestTarget(input.clientPath, route.shape === 'passthrough');
  const side: RequestSide = { body: body?.raw, target, lookup: undefined, restoreStreams: false, restored: [], recordChain: undefined, headers: undefined, ctx: exchangeContext(state, route.provider) };
  // A text or multipart body: text is redacted in place; opaque bytes with a finding refuse the request.
  const other = body?.kind === 'raw' && body.raw.length > 0 ? body : undefined;
  const opened = other && openRawBody(other.raw, other.contentType);
  if (opened === undefined || opened.opaque.length === 0) return protect(input, side, opened, state, res, deps);
  return deps.engine.scanAll(opened.opaque, deps.config().limits.findings).then((found) => {
    tallyFindings(found, state.findings);
    const count = found.reduce((n, f) => n + f.length, 0);
    if (count > 0) throw new GatewayError('GW_ERR_SCAN_UNSUPPORTED_BODY', `${count} finding(s) in binary data of a ${other?.contentType ?? 'non-JSON'} body`);
    return protect(input, side, opened, state, res, deps);
  });
}

function protect(input: RequestSideInput, side: RequestSide, opened: OpenedBody | undefined, state: ExchangeState, res: ServerResponse, deps: Deps): RequestSide | Promise<RequestSide> {
  const { route, body } = input;
  const { target } = side;
  const json = body?.kind === 'json' ? body : undefined;
  const extra = opened === undefined || opened.fields.length === 0 ? target.fields : [...target.fields, ...opened.fields];
  if (json === undefined && extra.length === 0) return side;
  const raw = body?.raw ?? Buffer.alloc(0);
  const payload = target.fields.length === 0 ? raw : Buffer.concat([raw, Buffer.from(`\n${input.url}`)]);
  const protecting = protectRequest(route, { json, extra, unsafe: target.unsafe, payload }, state, res, deps);
  const done = (rewritten: Protected) => scope(input, side, json !== undefined, opened, rewritten, deps);
  return protecting instanceof Promise ? protecting.then(done) : done(protecting);
}

/** The rewritten body, and what the response may restore: only what this exchange showed the model. */
function scope(input: RequestSideInput, side: RequestSide, isJson: boolean, opened: OpenedBody | undefined, rewritten: Protected, deps: Deps): RequestSide | Promise<RequestSide> {
  side.body = isJson ? rewritten.body : opened?.render() ?? side.body;
  // The provider's model name after redaction: what the scan saw is what goes out.
  if (isJson && side.body !== undefined && input.rename !== undefined) side.body = renamed(side.body, input.rename);
  const scoping = restoreScope(input.route.shape, input.previousResponseId, rewritten, deps.chains);
  const done = (s: RestoreScope) => {
    side.lookup = s.lookup;
    side.restoreStreams = s.restoreStreams;
    side.restored = s.restored;
    side.recordChain = s.recordChain;
    side.headers = { 'x-aegis-redactions': String(rewritten.redacted) };
    return side;
  };
  return scoping instanceof Promise ? scoping.then(done) : done(scoping);
}
