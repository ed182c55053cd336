import type { FastifyInstance } from 'fastify';
import type { Dispatcher } from 'undici';
import type { ProviderName } from './shared/shape.js';
import { AuditRecorder } from './audit/recorder.js';
import type { RuntimeConfig } from './config/runtime.js';
import type { GatewayConfig } from './config/schema.js';
import { Confirmations } from './confirm/confirmations.js';
import { ClientIdentifier } from './boundary/app-identity.js';
import { MaskedTexts } from './audit/masked-memo.js';
import type { EventBus } from './events.js';
import { createScanEngine, scanOptionsOf, validateScanConfig, type ScanEngine } from './request/scan-engine.js';
import { keyedHash } from './keys/keyed-hash.js';
import type { Keys } from './keys/subkeys.js';
import { PolicyService } from './policy/service.js';
import { normalizeForScan } from './scan/normalize.js';
import type { ScanOptions, Scanner } from './scan/index.js';
import type { Store } from './store/types.js';
import { UpstreamClient, parseTarget, type UpstreamTarget } from './upstream/client.js';
import { createDispatcher } from './upstream/dispatcher.js';
import { ResponseChains } from './vault/response-chains.js';
import { Vault } from './vault/vault.js';

export interface Services {
  dispatcher: Dispatcher;
  upstream: UpstreamClient;
  recorder: AuditRecorder;
  engine: ScanEngine;
  vault: Vault;
  policy: PolicyService;
  confirmations: Confirmations;
  clients: ClientIdentifier;
  /** Paths and model names as the audit keeps them, remembered per scan configuration. */
  masked: MaskedTexts;
  chains: ResponseChains;
}

export interface ServiceDeps {
  config: RuntimeConfig;
  store: Store;
  keys: Keys;
  bus: EventBus;
  dispatcher?: Dispatcher;
  compileScanner?: (opts: ScanOptions) => Scanner;
}

/** Responses API chains kept in memory; older ones are read back from the store. */
const CHAINS_IN_MEMORY = 10_000;

const targetsOf = (config: GatewayConfig): Record<ProviderName, UpstreamTarget> =>
  Object.fromEntries(Object.entries(config.providers).map(([name, p]) => [name, parseTarget(p.baseUrl)]));

/**
 * The long-lived parts every exchange uses, built once per gateway and wired to live config
 * changes. Whatever is opened here is closed in the app's onClose hook; held confirmations are
 * cancelled in preClose, or close() would wait for them.
 */
export async function createServices(app: FastifyInstance, deps: ServiceDeps): Promise<Services> {
  const { config: runtime, store, keys, bus } = deps;
  const config = runtime.current;

  const dispatcher = deps.dispatcher ?? createDispatcher(config.upstream);
  const upstream = new UpstreamClient(dispatcher, targetsOf(config), config.upstream);
  const recorder = new AuditRecorder(store, bus, () => runtime.current.audit.enabled);

  runtime.addValidator(validateScanConfig);
  const engine = createScanEngine(config, deps.compileScanner, (err) => app.log.error({ err }, 'scan worker failed; the pool is rebuilt on next use'));
  const clients = new ClientIdentifier((text) => engine.scanText(text));
  const masked = new MaskedTexts((text) => engine.scanText(text));
  const vault = new Vault({
    hmacKey: keys.placeholder.export(),
    persistence: store.vault,
    maxEntries: config.vault.memoryEntries,
    ttlMs: config.vault.ttlHours * 3_600_000,
  });
  // Chains live as long as the mappings they point at.
  const chains = new ResponseChains({ persistence: store.responseChains, maxEntries: CHAINS_IN_MEMORY, ttlMs: config.vault.ttlHours * 3_600_000 });
  const policy = await PolicyService.load(store.rules, config.policy.preset, (value) => keyedHash(keys.valueHash, foldedValue(value)), (id, err) =>
    app.log.warn({ ruleId: id, err }, 'stored rule is invalid and was skipped'));
  policy.onChange((change) => bus.emit('rules.changed', change));
  // Hit counts ride on the audit's write-behind: one small write after each audit batch, none per request.
  const offAuditFlushed = store.audit.onFlushed(() => void policy.flushHits().catch((err: unknown) => app.log.warn({ err }, 'rule hit counts not written; kept for the next batch')));
  const confirmations = new Confirmations({
    store,
    bus,
    settings: () => {
      const c = runtime.current.confirm;
      return { timeoutMs: c.timeoutSec * 1000, maxPending: c.maxPending, onTimeout: c.onTimeout, retryWindowMs: c.retryWindowSec * 1000 };
    },
    log: app.log,
  });

  const unsubscribe = runtime.onChange((next) => {
    upstream.setTargets(targetsOf(next));
    engine.reconfigure(scanOptionsOf(next));
    clients.forget();
    masked.forget();
    policy.setPreset(next.policy.preset);
    bus.emit('config.changed', next);
  });
  app.addHook('preClose', async () => {
    await confirmations.cancelAll('shutdown');
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    offAuditFlushed();
    await policy.flushHits().catch((err: unknown) => app.log.warn({ err }, 'rule hit counts not written at close'));
    await engine.close();
    if (deps.dispatcher === undefined) await dispatcher.close();
  });
  return { dispatcher, upstream, recorder, engine, vault, policy, confirmations, clients, masked, chains };
}

/**
 * The form a value rule matches by: the detectors' folded view (NFKC, invisible characters removed),
 * so "allow this value" also covers the same value sent in fullwidth or with a zero-width space in it,
 * as the detector found it. A value too crafted to fold is hashed as sent.
 */
function foldedValue(value: string): string {
  try {
    return normalizeForScan(value)?.text ?? value;
  } catch {
    return value;
  }
}
