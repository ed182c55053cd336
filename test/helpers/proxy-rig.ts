// The standard integration rig: two fake providers (one per upstream, so routing is observable)
// behind a real in-process gateway listening on port 0.
import type { DeepPartial } from '../../gateway/config/load.js';
import { mergeDeep } from '../../gateway/config/load.js';
import type { GatewayConfig } from '../../gateway/config/schema.js';
import { type FakeProvider, type FakeProviderOptions, startFakeProvider } from '../fake-provider/index.js';
import { startTestGateway, type TestGateway } from './gateway.js';

export interface ProxyRig {
  /** the fake provider behind the `openai` upstream */
  openai: FakeProvider;
  /** the fake provider behind the `anthropic` upstream */
  anthropic: FakeProvider;
  gateway: TestGateway;
  /** the gateway's base URL */
  url: string;
  /** forgets both providers' recorded requests, scenarios and aborts */
  reset(): void;
  close(): Promise<void>;
}

export interface RigOptions {
  config?: DeepPartial<GatewayConfig>;
  provider?: FakeProviderOptions;
  /** appended to each provider's URL to form its base URL (e.g. `/base`) */
  basePath?: string;
}

export async function startProxyRig(opts: RigOptions = {}): Promise<ProxyRig> {
  const openai = await startFakeProvider(opts.provider);
  const anthropic = await startFakeProvider(opts.provider);
  const base = opts.basePath ?? '';
  const config = mergeDeep(
    { providers: { openai: { baseUrl: openai.url + base }, anthropic: { baseUrl: anthropic.url + base } } },
    opts.config ?? {},
  ) as DeepPartial<GatewayConfig>;
  const gateway = await startTestGateway(openai.url, config);
  let closing: Promise<void> | undefined;
  return {
    openai,
    anthropic,
    gateway,
    url: gateway.url,
    reset() {
      openai.reset();
      anthropic.reset();
    },
    close() {
      closing ??= (async () => {
        await gateway.close();
        await Promise.all([openai.close(), anthropic.close()]);
      })();
      return closing;
    },
  };
}
