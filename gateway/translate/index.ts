/**
 * Cross-provider translation: an Anthropic Messages client talking to an OpenAI-compatible upstream,
 * and an OpenAI Chat client talking to an Anthropic upstream, JSON and SSE. Pure functions and
 * per-stream transforms, no I/O; the mapping tables are in tables.ts, the behaviour in
 * docs/translation.md.
 *
 * How a conductor calls it, per exchange (`shape` = the client's ApiShape, `kind` = the upstream's):
 *
 *   0. `needsTranslation(shape, apiOf(provider.kind))` false → nothing here is used; the exchange
 *      runs as today. (`apiOf` maps `azure-openai` to `openai`: same bodies, its own path.)
 *   1. Request facts, scanning, policy, confirmation and REDACTION run first, on the client's own
 *      request (its shape, its paths): the audit and the rules see what the client sent.
 *   2. `const t = translateRequest(shape, kind, redactedBody, { model })` with the redacted body
 *      (Buffer, string or parsed JSON) and the model-map's upstream name. Send `t.body` (serialize
 *      with JSON.stringify) to `t.path` under the provider's API root (an Azure-shaped provider puts
 *      its deployment path in place of `/v1/chat/completions`), with `t.headers` set over the
 *      allowlisted client headers, and the credential moved to the header the provider reads
 *      (OpenAI clients send `Authorization: Bearer`, Anthropic clients `x-api-key`). A
 *      GW_ERR_TRANSLATE_UNSUPPORTED GatewayError means: answer the client with it, send nothing.
 *   3. JSON responses (any status): `translateResponse(shape, kind, status, upstreamJson, t.response)`
 *      gives the client-shape body; the status is kept (an error body becomes the client's error
 *      shape). Then RESTORATION, the response guards, usage taps and scrubbing run on that body,
 *      exactly as for an untranslated exchange of the client's shape.
 *   4. SSE responses: `translateStream(shape, kind, t.response)` is a SyncSseTransform; put it FIRST
 *      in the chain (`chainTransforms(translator, restore…, guard…, usageTap(shape))`) so everything
 *      after it sees client-shape events. The stream is rewritten, so the byte-relay fast path
 *      (`relayStreamBytes`) must be off, and the sink's terminal error event uses the client's shape.
 *      Upstream error events and a stream that ends early become the client's error event.
 *
 * `translateUpstream` (exchange.ts) does step 2 and returns a `wrap` that does steps 3 and 4 around
 * the response side's outermost rewrite, the one `relayTo` gets.
 *
 * So every guarantee (placeholders restored in text and tool input, tool calls judged) holds across
 * providers: they run on the client's shape on both sides of translation.
 *
 * For the exchange: keep the RouteInfo given to `relayTo` the client's (its provider picks the
 * error shape of the JSON sink's refusals, its shape the SSE sink's terminal event) and give the
 * routed provider only to
 * `upstream.start` and its header allowlist; the client's credential header does not pass the other
 * provider's allowlist, so the exchange moves it. Only the Messages and Chat Completions endpoints
 * translate: `/v1/messages/count_tokens` (Claude Code calls it) and the Responses API have no
 * counterpart on the other side.
 */
import type { ApiShape } from '../shared/shape.js';
import { GatewayError } from '../errors.js';
import type { SyncSseTransform } from '../stream/sse-event.js';
import { translateErrorBody } from './errors.js';
import { isObject, parseJson, type Obj } from './json.js';
import { openaiToAnthropicRequest } from './request-to-anthropic.js';
import { anthropicToOpenaiRequest } from './request-to-openai.js';
import { openaiToAnthropicResponse } from './response-to-anthropic.js';
import { anthropicToOpenaiResponse } from './response-to-openai.js';
import { openaiToAnthropicStream } from './stream-to-anthropic.js';
import { anthropicToOpenaiStream } from './stream-to-openai.js';
import { ANTHROPIC_VERSION, DEFAULT_MAX_TOKENS, UPSTREAM_PATH, type ClientShape, type UpstreamKind } from './tables.js';

export type { ClientShape, UpstreamKind } from './tables.js';
export { DEFAULT_MAX_TOKENS, ANTHROPIC_VERSION } from './tables.js';

export interface TranslateRequestOptions {
  /** The model name the upstream gets (a model map's rename); default: the client's `model`. */
  model?: string;
  /** `max_tokens` for an Anthropic upstream when the OpenAI client sent none (default 4096). */
  defaultMaxTokens?: number;
  /**
   * The field an OpenAI-compatible upstream reads the output limit from (default `max_tokens`, which
   * every compatible server takes; OpenAI's own reasoning models accept only `max_completion_tokens`).
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /**
   * Ask an OpenAI-compatible upstream for the usage chunk (`stream_options.include_usage`) so the
   * Anthropic client's `message_delta` carries real token counts (default true; turn off for a
   * server that refuses the field).
   */
  streamUsage?: boolean;
}

/** What the response side needs to know about the request; pass it on unchanged. */
export interface ResponseOptions {
  /** OpenAI client streams: it asked for `stream_options.include_usage`. */
  includeUsage?: boolean;
  /** `created` (Unix seconds) for OpenAI-shaped answers; default: now. */
  created?: number;
}

export interface TranslatedRequest {
  /** The upstream endpoint: `/v1/chat/completions` or `/v1/messages` (no query). */
  path: string;
  /** The request body in the upstream's shape. */
  body: Record<string, unknown>;
  /** Headers the upstream API needs that the client did not send (`anthropic-version`). */
  headers?: Record<string, string>;
  /** For `translateResponse` / `translateStream`. */
  response: ResponseOptions;
}

/** The API a provider kind speaks: an Azure OpenAI deployment takes OpenAI Chat bodies. */
export const apiOf = (kind: string): UpstreamKind => (kind === 'anthropic' ? 'anthropic' : 'openai');

/** Whether a client of `shape` routed to an upstream of `kind` needs translation. */
export function needsTranslation(shape: ApiShape, kind: UpstreamKind): shape is ClientShape {
  return (shape === 'anthropic-messages' && kind === 'openai') || (shape === 'openai-chat' && kind === 'anthropic');
}

const familyOf = (shape: ClientShape): UpstreamKind => (shape === 'anthropic-messages' ? 'anthropic' : 'openai');

function asObject(body: unknown): Obj {
  const value = Buffer.isBuffer(body) ? parseJson(body.toString('utf8')) : typeof body === 'string' ? parseJson(body) : body;
  if (!isObject(value)) throw new GatewayError('GW_ERR_TRANSLATE_UNSUPPORTED', 'a body that is not a JSON object', { exposeDetail: true });
  return value;
}

/**
 * The client's (redacted) request → the upstream's. Throws GW_ERR_TRANSLATE_UNSUPPORTED for what the
 * other API cannot express. Same family (no translation needed): the body is returned as it is,
 * with only the model renamed.
 */
export function translateRequest(from: ClientShape, to: UpstreamKind, body: unknown, options: TranslateRequestOptions = {}): TranslatedRequest {
  const client = asObject(body);
  const streamOptions = isObject(client.stream_options) ? client.stream_options : {};
  const response: ResponseOptions = { includeUsage: streamOptions.include_usage === true };
  if (familyOf(from) === to) {
    return { path: UPSTREAM_PATH[to], body: options.model === undefined ? client : { ...client, model: options.model }, response };
  }
  if (to === 'openai') {
    const body = anthropicToOpenaiRequest(client, options.model, options.maxTokensField ?? 'max_tokens', options.streamUsage ?? true);
    return { path: UPSTREAM_PATH.openai, body, response };
  }
  return {
    path: UPSTREAM_PATH.anthropic,
    body: openaiToAnthropicRequest(client, options.model, options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS),
    headers: { 'anthropic-version': ANTHROPIC_VERSION },
    response,
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * An upstream JSON body (parsed) → the client's shape; `status` is the upstream's and stays the
 * response's. Status ≥ 400 (or an `error` body) → the client's error shape. A success body that is
 * not a JSON object throws GW_ERR_UPSTREAM_BAD_RESPONSE.
 */
export function translateResponse(to: ClientShape, from: UpstreamKind, status: number, json: unknown, options: ResponseOptions = {}): Record<string, unknown> {
  const body = Buffer.isBuffer(json) ? parseJson(json.toString('utf8')) : json;
  if (familyOf(to) === from) {
    if (!isObject(body)) throw new GatewayError('GW_ERR_UPSTREAM_BAD_RESPONSE', 'not a JSON object');
    return body;
  }
  if (status >= 400 || (isObject(body) && isObject(body.error) && body.choices === undefined && body.content === undefined)) {
    return translateErrorBody(to, status, body);
  }
  if (!isObject(body)) throw new GatewayError('GW_ERR_UPSTREAM_BAD_RESPONSE', 'not a JSON object');
  return to === 'anthropic-messages' ? openaiToAnthropicResponse(body) : anthropicToOpenaiResponse(body, options.created ?? nowSeconds());
}

/** Just the error mapping: an upstream error body (any shape, even not JSON) → the client's error shape. */
export function translateError(to: ClientShape, status: number, json: unknown): Record<string, unknown> {
  return translateErrorBody(to, status, json);
}

/**
 * A fresh translator for one upstream SSE stream: parsed events in, client-shape events out, in
 * order; `end()` when the upstream ends flushes the closing events (or an error event if the stream
 * stopped before it was complete). Same family: the identity.
 */
export function translateStream(to: ClientShape, from: UpstreamKind, options: ResponseOptions = {}): SyncSseTransform {
  if (familyOf(to) === from) return { push: (e) => [e], end: () => [] };
  if (to === 'anthropic-messages') return openaiToAnthropicStream();
  return anthropicToOpenaiStream({ includeUsage: options.includeUsage === true, created: options.created ?? nowSeconds() });
}
