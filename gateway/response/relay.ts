import type { ServerResponse } from 'node:http';
import type { RouteInfo } from '../shared/route.js';
import { GatewayError } from '../errors.js';
import type { ResponseRewrite } from '../stream/response-rewrite.js';
import type { BodySink, HeadHandler } from '../upstream/call.js';
import { contentEncoding, decodingSink } from '../upstream/decode.js';
import { downstreamResponseHeaders } from '../upstream/headers.js';
import { writeError } from './respond.js';
import { jsonSink } from './sinks/json.js';
import { rawSink } from './sinks/raw.js';
import { sseSink, type StreamCaps } from './sinks/sse.js';

export interface RelayLimits extends StreamCaps {
  /** Largest non-streamed body read whole. */
  responseBytes: number;
}

export interface RelayResult {
  status: number;
  kind: 'json' | 'sse' | 'raw' | 'empty' | 'none';
  bytesOut: number;
  /** Set when the gateway cut or refused the response (a cap, an upstream failure mid-body). */
  errorCode?: string;
}

const isRedirect = (status: number) => status >= 300 && status < 400 && status !== 304;
const mediaType = (ct: string | string[] | undefined) => (Array.isArray(ct) ? ct[0] : ct)?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
const isJson = (mt: string) => mt === 'application/json' || mt.endsWith('+json');

const discard: BodySink = { data() {}, end() {}, error() {} };

const asSent = (encoding: string) => encoding === '' || encoding === 'identity';

/** The body's announced length when it comes as sent (a compressed body's length says nothing of the decoded one). */
function announcedLength(length: string | undefined, encoding: string): number | undefined {
  return asSent(encoding) && length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : undefined;
}

/** For a response we refuse: nothing of its body is relayed; the abort's error is answered instead. */
function refusal(res: ServerResponse, route: RouteInfo, result: RelayResult): BodySink {
  return {
    data() {},
    end() {},
    error(err) {
      result.errorCode = err.code;
      if (!res.headersSent && !res.destroyed) writeError(res, route.client, err);
    },
  };
}

/**
 * Decides, from the upstream status and headers, where the body goes: SSE event by event through the
 * transform; JSON read whole under a cap so it can be rewritten; anything else streamed as bytes.
 * Redirects are never followed (nor relayed: a client following one would bypass the gateway).
 */
export function relayTo(res: ServerResponse, method: string, route: RouteInfo, rewrite: ResponseRewrite, limits: RelayLimits, result: RelayResult): HeadHandler {
  return (head, flow) => {
    result.status = head.statusCode;
    if (isRedirect(head.statusCode)) {
      flow.abort(new GatewayError('GW_ERR_UPSTREAM_REDIRECT'));
      return refusal(res, route, result);
    }
    const relayed = downstreamResponseHeaders(head.headers);
    const headers = rewrite.responseHeaders ? rewrite.responseHeaders(relayed) : relayed;
    if (rewrite.headers) Object.assign(headers, rewrite.headers);
    if (method === 'HEAD' || head.statusCode === 204 || head.statusCode === 304) {
      result.kind = 'empty';
      res.writeHead(head.statusCode, headers);
      res.end();
      return discard;
    }
    const mt = mediaType(head.headers['content-type']);
    const encoding = contentEncoding(head.headers['content-encoding']);
    let sink: BodySink;
    if (mt === 'text/event-stream') {
      result.kind = 'sse';
      sink = sseSink(res, head.statusCode, headers, route.shape, rewrite.sse(), limits, flow, result, rewrite.relayStreamBytes === true);
    } else if (isJson(mt) || (rewrite.errorsAsJson === true && head.statusCode >= 400)) {
      result.kind = 'json';
      if (!isJson(mt)) headers['content-type'] = 'application/json';
      sink = jsonSink(res, head.statusCode, headers, route.client, limits.responseBytes, rewrite.json, flow, result, announcedLength(head.headers['content-length'], encoding));
    } else {
      result.kind = 'raw';
      sink = rawSink(res, head.statusCode, headers, limits, flow, result);
    }
    return asSent(encoding) ? sink : decodingSink(encoding, sink, flow);
  };
}
