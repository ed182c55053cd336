// The end-to-end redaction rig: one fake provider behind a real in-process gateway configured with
// the custom deny term, and the official SDKs pointed at it through a fetch that keeps the last
// response's headers (x-aegis-redactions), for JSON calls and stream helpers alike.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { mergeDeep, type DeepPartial } from '../../../gateway/config/load.js';
import type { GatewayConfig } from '../../../gateway/config/schema.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../../helpers/gateway.js';
import { ALL_PLANTS, REDACTION_CONFIG } from './plants.js';
import { assertNoLeak, assertUpstreamBody, Minted, type Slots } from './upstream-checks.js';

export interface RedactionRig {
  fake: FakeProvider;
  gateway: TestGateway;
  url: string;
  openai: OpenAI;
  anthropic: Anthropic;
  /** Headers of the last response any SDK client of this rig received. */
  lastHeaders(): Headers;
  /** A client of another app (its own User-Agent product). */
  openaiAs(userAgent: string): OpenAI;
  close(): Promise<void>;
}

export async function startRedactionRig(config: DeepPartial<GatewayConfig> = {}, opts: TestGatewayOptions = {}): Promise<RedactionRig> {
  const fake = await startFakeProvider();
  const gateway = await startTestGateway(fake.url, mergeDeep(REDACTION_CONFIG, config) as DeepPartial<GatewayConfig>, opts);
  let last: Headers | undefined;
  const capturing: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    last = res.headers;
    return res;
  };
  const openaiAs = (userAgent?: string) =>
    new OpenAI({
      apiKey: 'sk-test', baseURL: `${gateway.url}/v1`, maxRetries: 0, fetch: capturing,
      defaultHeaders: userAgent ? { 'user-agent': userAgent } : undefined,
    });
  return {
    fake,
    gateway,
    url: gateway.url,
    openai: openaiAs(),
    anthropic: new Anthropic({ apiKey: 'sk-ant-test', baseURL: gateway.url, maxRetries: 0, fetch: capturing }),
    lastHeaders() {
      if (!last) throw new Error('no response yet');
      return last;
    },
    openaiAs,
    async close() {
      await gateway.close();
      await fake.close();
    },
  };
}

/** The redaction count the gateway reported on the last response. */
export const redactionsOf = (rig: RedactionRig): number => Number(rig.lastHeaders().get('x-aegis-redactions'));

/**
 * The one request upstream got: no planted value in its bytes or decoded strings, `sent` redacted
 * slot by slot with everything else intact, and the response header counting every replacement.
 */
export function checkForwarded(rig: RedactionRig, sent: unknown, slots: Slots, minted = new Minted()): Minted {
  assert.equal(rig.fake.requests.length, 1, 'exactly one request reached upstream');
  const got = rig.fake.requests[0]!;
  assertNoLeak(got.body, ALL_PLANTS);
  const replaced = assertUpstreamBody(sent, got.json, slots, minted);
  assert.ok(replaced > 0, 'the request carried planted values');
  assert.equal(redactionsOf(rig), replaced, 'x-aegis-redactions counts every replaced value');
  return minted;
}
