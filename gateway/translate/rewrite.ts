import type { ResponseRewrite } from '../exchange/relay.js';
import { chainTransforms } from '../stream/chain.js';
import { translateResponse, translateStream, type ClientShape, type ResponseOptions, type UpstreamKind } from './index.js';

/**
 * Wraps the exchange's response rewrite (restoration, guards, usage taps, scrubbing: everything that
 * expects the client's shape) so the upstream's answer is translated before any of it runs. Wrap the
 * outermost rewrite, the one given to `relayTo`, so the usage taps read the client's shape too.
 * `status` reads the upstream status once the head has arrived (the conductor's RelayResult).
 */
export function translatingRewrite(inner: ResponseRewrite, to: ClientShape, from: UpstreamKind, response: ResponseOptions, status: () => number): ResponseRewrite {
  return {
    ...inner,
    // Every event is rewritten, so upstream bytes can never be relayed as they are.
    relayStreamBytes: false,
    json: (body) => inner.json(Buffer.from(JSON.stringify(translateResponse(to, from, status(), body, response)))),
    sse: () => chainTransforms(translateStream(to, from, response), inner.sse()),
  };
}
