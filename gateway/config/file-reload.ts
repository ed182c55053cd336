import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../shared/bus.js';
import { watchFile } from './file-watch.js';
import { ConfigError, parseConfigText } from './load.js';
import type { FileReload, RuntimeConfig } from './runtime.js';

/** What the watcher announces; events.ts composes it into GatewayEvents. */
export interface ConfigFileEvents {
  /** The `--config` file changed and was re-read: applied (with what needs a restart or is shadowed) or rejected (with the field). */
  'config.file': FileReload;
}

/** Long enough to see an editor's write-rename-chmod burst as one change, short enough to apply well within a second. */
export const RELOAD_DEBOUNCE_MS = 100;

/**
 * Re-applies the `--config` file whenever it changes, without a restart: validated like the boot
 * config, applied to the next request, announced on the bus (`config.file`, and `config.changed`
 * when something applies) and in the log. An invalid file keeps the running configuration and is
 * reported with the field's path. Returns the stop function.
 */
export function startFileReload(runtime: RuntimeConfig, deps: { bus: Bus<ConfigFileEvents>; log: FastifyBaseLogger; debounceMs?: number }): () => void {
  const path = runtime.filePath;
  if (path === undefined) return () => undefined;
  const { bus, log } = deps;

  const report = (status: FileReload) => {
    if (status.status === 'invalid') {
      log.error({ configFile: path, field: status.error?.field, error: status.error?.message }, 'config file change rejected; the running configuration stays');
    } else {
      const { applied, restartRequired, shadowed } = status;
      log.info({ configFile: path, applied, restartRequired, shadowed }, 'config file reloaded');
      if (restartRequired.length > 0) log.warn({ configFile: path, restartRequired }, 'config file changes that need a restart were not applied');
      if (shadowed.length > 0) log.warn({ configFile: path, shadowed }, 'config file changes to fields set through the admin API or a flag were not applied; those win');
    }
    bus.emit('config.file', status);
  };

  return watchFile(path, {
    debounceMs: deps.debounceMs ?? RELOAD_DEBOUNCE_MS,
    onText: (text) => {
      let layer: unknown;
      try {
        layer = parseConfigText(text, path);
      } catch (err) {
        report(runtime.fileFailed(err as ConfigError));
        return;
      }
      try {
        report(runtime.applyFile(layer));
      } catch (err) {
        // Not a config error: a listener failed applying a valid change. Said, never thrown from a watcher.
        log.error({ err, configFile: path }, 'applying the config file change failed');
      }
    },
    onError: (err) => report(runtime.fileFailed(new ConfigError(`cannot read config file ${path}: ${err.code ?? err.message}`))),
  });
}
