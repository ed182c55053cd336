import { ConfigError } from '../config/load.js';
import type { GatewayConfig } from '../config/schema.js';
import { compileScanner, ScanConfigError, type ScanOptions, type Scanner } from '../scan/index.js';
import { defaultWorkerCount, ScanEngine } from './engine.js';

/** The detector options a configuration asks for; strings are scanned up to the request string limit. */
export function scanOptionsOf(config: GatewayConfig): ScanOptions {
  const { scan, limits } = config;
  // Both lists mean the same to the detectors; they are kept apart so the built-in one can be shown and edited as such.
  const allowlist = [...scan.allowlist, ...scan.vendorAllowlist];
  return {
    ip: scan.ip,
    disabled: scan.disabled,
    enabled: scan.enabled,
    namesAllowlist: scan.namesAllowlist,
    denyTerms: scan.denyTerms,
    allowlist,
    maxScanChars: limits.stringBytes,
  };
}

/** Compiling is the check: an unknown detector id or an unsafe deny-term regex is a config error. */
export function validateScanConfig(config: GatewayConfig): void {
  try {
    compileScanner(scanOptionsOf(config));
  } catch (err) {
    if (err instanceof ScanConfigError) throw new ConfigError(`invalid config field 'scan': ${err.message}`, 'scan');
    throw err;
  }
}

/** Throws ScanConfigError for an invalid configuration; validate with validateScanConfig first for a ConfigError. */
export function createScanEngine(config: GatewayConfig, compile?: (opts: ScanOptions) => Scanner, onPoolError?: (err: unknown) => void): ScanEngine {
  const { workers, workerThresholdChars } = config.scan;
  return new ScanEngine({ scan: scanOptionsOf(config), workerThresholdChars, workers: workers === 'auto' ? defaultWorkerCount() : workers, compile, onPoolError });
}
