import type { Logger } from 'pino';
import { loadAdminToken, type AdminToken } from '../gateway/auth/admin-token.js';
import { readConfigFile, resolveConfig } from '../gateway/config/load.js';
import { defaultDataDir, ensureDataDir } from '../gateway/config/paths.js';
import type { EventBus } from '../gateway/events.js';
import { createLogger } from '../gateway/log.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { chooseKeyProtection, type AsyncSafeStorage, type KeyProtection } from './key-wrapper.js';
import type { LaunchOptions } from './launch-options.js';

export interface DesktopGatewayDeps {
  launch: LaunchOptions;
  safeStorage: AsyncSafeStorage;
  /** Subscribed to by main before the gateway starts, so no early event is missed. */
  bus: EventBus;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Defaults to JSON lines on stderr at the configured level. */
  logger?: Logger;
}

export interface DesktopGateway {
  gateway: RunningGateway;
  dataDir: string;
  adminToken: AdminToken;
  keys: KeyProtection;
  logger: Logger;
}

/**
 * Starts the gateway in-process the way `aegisgate serve` does (same config layers, same data dir
 * by default), with the master key wrapped by the OS keychain where there is one. Electron-free:
 * main passes `safeStorage`, tests pass a fake.
 */
export async function startDesktopGateway(deps: DesktopGatewayDeps): Promise<DesktopGateway> {
  const { launch } = deps;
  const flags = launch.port === undefined ? {} : { port: launch.port };
  const layers = { file: launch.configFile === undefined ? {} : readConfigFile(launch.configFile), filePath: launch.configFile, flags };
  // Validate before touching the data dir, so a bad config changes nothing.
  const config = resolveConfig(layers.file, layers.flags);
  const logger = deps.logger ?? createLogger(config.log.level);
  const dataDir = ensureDataDir(launch.dataDir ?? defaultDataDir(deps.env));
  const keys = await chooseKeyProtection(deps.safeStorage, deps.platform);
  if (keys.warning) logger.warn({ protectedBy: keys.protectedBy }, keys.warning);
  const adminToken = await loadAdminToken(dataDir);
  const gateway = await startGateway({ layers, dataDir, bus: deps.bus, keyWrapper: keys.wrapper, logger });
  logger.info({ url: gateway.url, dataDir, keysProtectedBy: keys.protectedBy }, 'desktop gateway listening');
  return { gateway, dataDir, adminToken, keys, logger };
}
