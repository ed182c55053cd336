import type { ApiShape, ProviderKind } from '../shared/shape.js';
import { GatewayError } from '../errors.js';
import { chainTransforms } from '../stream/chain.js';
import { apiOf, translateError, translateRequest, translateResponse, translateStream, type ClientShape, type ResponseOptions } from './index.js';
import type { ResponseRewrite } from '../stream/response-rewrite.js';

/**
 * The upstream request of a translated exchange: body, API path and the headers its API needs; and
 * `wrap`, which puts the provider's answer back in the client's shape around the response side's
 * outermost rewrite (the conductor hands it to response/response-side.ts).
 */
export interface TranslatedUpstream {
  readonly body: Buffer;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly wrap: (inner: ResponseRewrite) => ResponseRewrite;
}

const isClientShape = (shape: ApiShape): shape is ClientShape => shape === 'openai-chat' || shape === 'anthropic-messages';

/**
 * The client's redacted request in the provider's API (gateway/translate), with the model map's
 * rename. Runs after scanning and redaction, so what goes out is what the scan saw, re-shaped.
 */
export function translateUpstream(shape: ApiShape, kind: ProviderKind, redacted: Buffer | undefined, model: string | undefined): TranslatedUpstream {
  if (!isClientShape(shape) || redacted === undefined) throw new GatewayError('GW_ERR_TRANSLATE_UNSUPPORTED', `a ${shape} request`, { exposeDetail: true });
  const t = translateRequest(shape, apiOf(kind), redacted, model === undefined ? {} : { model });
  return {
    body: Buffer.from(JSON.stringify(t.body)),
    path: t.path,
    headers: t.headers,
    wrap: (inner) => translatingRewrite(inner, shape, kind, t.response),
  };
}

/**
 * The response side of a translated exchange: the provider's JSON, error or SSE becomes the client's
 * shape first, so restoration, the response guards, usage taps and scrubbing (`inner`) all run on
 * the client's shape as they would without translation. The stream is rewritten event by event, so
 * the byte-relay fast path is off; an error body in any media type becomes the client's error JSON.
 */
function translatingRewrite(inner: ResponseRewrite, shape: ApiShape, kind: ProviderKind, options: ResponseOptions): ResponseRewrite {
  if (!isClientShape(shape)) return inner;
  const api = apiOf(kind);
  return {
    ...inner,
    relayStreamBytes: false,
    errorsAsJson: true,
    json: (body, status) => {
      const client = status >= 400 ? translateError(shape, status, errorText(body)) : translateResponse(shape, api, status, body, options);
      return inner.json(Buffer.from(JSON.stringify(client)), status);
    },
    sse: () => chainTransforms(translateStream(shape, api, options), inner.sse()),
  };
}

/** An error body as JSON when it is JSON, else its text (an HTML page from a proxy becomes the message). */
function errorText(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 1000);
  }
}
