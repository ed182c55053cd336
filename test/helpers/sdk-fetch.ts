// A `fetch` for the official SDKs built on node:http. Node's own fetch (undici) adds
// `sec-fetch-mode: cors` to every request, which the gateway currently takes for a browser and
// refuses (403 GW_ERR_BOUNDARY_BROWSER); see the todo tests in proxy-sdk-default-fetch.test.ts.
// Everything else in the SDKs (request building, SSE decoding, tool-call assembly, error classes)
// runs as shipped. Once the gateway accepts Node's fetch, set SDK_FETCH to undefined.
import { request } from 'node:http';
import { Readable } from 'node:stream';

async function bodyBytes(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // FormData, Blob, streams: let the platform encode it.
  return Buffer.from(await new Response(body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
}

export const nodeHttpFetch: typeof fetch = async (input, init = {}) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => (headers[k] = v));
  const payload = await bodyBytes(init.body);
  return new Promise<Response>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined }, (res) => {
      const h = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (Array.isArray(v)) for (const x of v) h.append(k, x);
        else if (v !== undefined) h.set(k, v);
      }
      const status = res.statusCode ?? 0;
      const empty = status === 204 || status === 304 || init.method === 'HEAD';
      if (empty) res.resume();
      resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage, headers: h }));
    });
    req.on('error', reject);
    req.end(payload);
  });
};

/** What the SDK clients in gateway tests use as `fetch` (undefined: the SDK's default). */
export const SDK_FETCH: typeof fetch | undefined = nodeHttpFetch;
