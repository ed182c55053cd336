import { once } from 'node:events';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ApiShape } from '../adapters/shape.js';
import { GatewayError } from '../errors.js';
import type { SseTransform } from '../stream/sse-event.js';
import { pipeSse, type StreamCaps } from '../stream/sse-pipeline.js';
import { serializeSse } from '../stream/sse-serialize.js';
import { terminalErrorEvent } from '../stream/terminal.js';
import type { UpstreamResponse } from '../upstream/client.js';
import { decodedBody } from '../upstream/decode.js';
import { mapUpstreamError } from '../upstream/errors.js';
import { downstreamResponseHeaders } from '../upstream/headers.js';
import { writeWhole } from './respond.js';

/** How the response side rewrites what comes back (identity until restoration is wired in). */
export interface ResponseRewrite {
  /** A whole JSON body; return the same Buffer when nothing changed so it is relayed untouched. */
  json(body: Buffer): Buffer | string;
  /** A fresh per-stream event transform. */
  sse(): SseTransform;
}

export interface RelayLimits extends StreamCaps {
  /** Largest non-streamed body read whole. */
  responseBytes: number;
}

export interface RelayResult {
  kind: 'json' | 'sse' | 'raw' | 'empty';
  bytesOut: number;
}

const isRedirect = (status: number) => status >= 300 && status < 400 && status !== 304;
const mediaType = (ct: string | string[] | undefined) => (Array.isArray(ct) ? ct[0] : ct)?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
const isJson = (mt: string) => mt === 'application/json' || mt.endsWith('+json');

/**
 * Relays one upstream response to the client in its kind: SSE event by event through the
 * transform; JSON read whole under a cap so it can be rewritten; anything else streamed as bytes.
 * Throws a GatewayError while the client can still be given a proper error (before headers).
 */
export async function relayResponse(
  up: UpstreamResponse,
  res: ServerResponse,
  method: string,
  shape: ApiShape,
  rewrite: ResponseRewrite,
  limits: RelayLimits,
  clientGone: AbortSignal,
): Promise<RelayResult> {
  if (isRedirect(up.statusCode)) {
    up.body.destroy();
    throw new GatewayError('GW_ERR_UPSTREAM_REDIRECT');
  }
  const headers = downstreamResponseHeaders(up.headers);
  if (method === 'HEAD' || up.statusCode === 204 || up.statusCode === 304) {
    up.body.resume();
    res.writeHead(up.statusCode, headers);
    res.end();
    return { kind: 'empty', bytesOut: 0 };
  }
  const body = decodedBody(up.body, up.headers['content-encoding']);
  const mt = mediaType(up.headers['content-type']);
  if (mt === 'text/event-stream') return relaySse(body, res, up.statusCode, headers, shape, rewrite.sse(), limits, clientGone);
  if (isJson(mt)) {
    const whole = await readWhole(body, limits.responseBytes);
    const out = rewrite.json(whole);
    writeWhole(res, up.statusCode, headers, out);
    return { kind: 'json', bytesOut: typeof out === 'string' ? Buffer.byteLength(out) : out.length };
  }
  return relayRaw(body, res, up.statusCode, headers, limits, clientGone);
}

async function relaySse(
  body: Readable,
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  shape: ApiShape,
  transform: SseTransform,
  limits: StreamCaps,
  clientGone: AbortSignal,
): Promise<RelayResult> {
  res.writeHead(status, headers);
  // Send headers now: the client's time to first byte must not wait for the first event.
  res.flushHeaders();
  const counter = { bytes: 0 };
  try {
    await pipeSse(body, res, transform, limits, clientGone, counter);
  } catch (err) {
    body.destroy();
    if (clientGone.aborted) return { kind: 'sse', bytesOut: counter.bytes };
    const last = serializeSse(terminalErrorEvent(shape, mapUpstreamError(err)));
    counter.bytes += Buffer.byteLength(last);
    res.write(last);
  }
  res.end();
  return { kind: 'sse', bytesOut: counter.bytes };
}

async function relayRaw(
  body: Readable,
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  limits: StreamCaps,
  clientGone: AbortSignal,
): Promise<RelayResult> {
  res.writeHead(status, headers);
  const timer = setTimeout(() => body.destroy(new GatewayError('GW_ERR_STREAM_TOO_LONG')), limits.durationMs);
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.totalBytes) throw new GatewayError('GW_ERR_STREAM_TOO_LARGE');
      if (!res.write(chunk)) await once(res, 'drain', { signal: clientGone });
    }
    res.end();
  } catch {
    // No in-band error exists for arbitrary bytes: cut the connection so the client sees a failure.
    body.destroy();
    res.destroy();
  } finally {
    clearTimeout(timer);
  }
  return { kind: 'raw', bytesOut: total };
}

/** Reads a body whole, refusing past `limit` bytes (decoded). */
export async function readWhole(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw new GatewayError('GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE');
      chunks.push(chunk);
    }
  } catch (err) {
    body.destroy();
    throw mapUpstreamError(err);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}
