import { parseArgs } from 'node:util';
import { auditCommand } from './admin/export-command.js';
import { loginCommand } from './login-command.js';
import { ConfigError, readConfigFile, resolveConfig } from './config/load.js';
import { defaultDataDir, ensureDataDir } from './config/paths.js';
import { PROVIDER_NAME_PATTERN } from './config/schema.js';
import { startGateway } from './server.js';
import { KeyMismatchError } from './store/postgres/facts.js';
import { VERSION } from './version.js';
import { isWorker, parseWorkers, requireSharedStore, runPrimary } from './workers.js';

const HELP = `aegisgate ${VERSION} — local privacy gateway for LLM APIs

Usage:
  aegisgate serve [--host 127.0.0.1] [--port 18080|0] [--data-dir DIR] [--config FILE]
                  [--upstream NAME=URL ...] [--store postgres://…] [--redis redis://…]
                  [--master-key-file FILE] [--workers N|auto]
  aegisgate audit export [--data-dir DIR] [--since TIME] [--until TIME] [--format jsonl]
  aegisgate login [--data-dir DIR] [--url URL | --config FILE]
  aegisgate --help | --version

serve     Run the gateway headless. Prints one JSON line {"event":"listening","url":...,
          "login":...} on stdout when ready (login: a one-time dashboard URL, valid 15 minutes),
          logs JSON to stderr, exits 0 on SIGTERM/SIGINT after draining.
audit     \`audit export\` writes audit events as JSON lines to stdout, oldest first; safe while
          a gateway runs on the same data dir. TIME: epoch ms, ISO 8601 (2026-11-01T00:00:00Z)
          or a span before now (90s, 15m, 24h, 7d).
login     Print a fresh one-time dashboard login URL from the running gateway (it proves it
          holds the data dir's admin token without sending it, and accepts only a gateway that
          proves the same; URL defaults to the data dir's gateway, else the configured host and port).

Options:
  --host HOST          address to bind (default 127.0.0.1)
  --port PORT          port to bind, 0 for any free port (default 18080)
  --data-dir DIR       state directory (default $XDG_CONFIG_HOME/aegisgate or ~/.config/aegisgate)
  --config FILE        YAML or JSON config file (see README "Configuration")
  --upstream NAME=URL  base URL of provider NAME (openai, anthropic, or one the config names); repeatable
  --store URL          PostgreSQL store shared by several instances (default: SQLite in the data dir)
  --redis URL          Redis/Valkey for nonces, shared rate limits and event fan-out
  --master-key-file F  master key shared by all instances (docs/scale-out.md)
  --workers N|auto     N gateway processes on one port (needs --store); auto: one per core
`;

function upstreamFlags(values: string[]): Record<string, { baseUrl: string }> {
  const out: Record<string, { baseUrl: string }> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const name = v.slice(0, eq);
    // The name must be openai, anthropic or a provider the config file defines (checked with the config).
    if (eq < 1 || !new RegExp(PROVIDER_NAME_PATTERN).test(name)) {
      throw new ConfigError(`--upstream expects NAME=URL with NAME a provider name (openai, anthropic, or one from the config file) (got ${JSON.stringify(v)})`);
    }
    out[name] = { baseUrl: v.slice(eq + 1) };
  }
  return out;
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      upstream: { type: 'string', multiple: true },
      store: { type: 'string' },
      redis: { type: 'string' },
      'master-key-file': { type: 'string' },
      workers: { type: 'string' },
    },
    strict: true,
  });
  const flags: Record<string, unknown> = {};
  if (values.host !== undefined) flags.host = values.host;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port)) throw new ConfigError(`--port expects a number (got ${JSON.stringify(values.port)})`);
    flags.port = Number(values.port);
  }
  if (values.upstream) flags.providers = upstreamFlags(values.upstream);
  if (values.store !== undefined || values['master-key-file'] !== undefined) {
    flags.store = {
      ...(values.store !== undefined && { url: values.store }),
      ...(values['master-key-file'] !== undefined && { masterKeyFile: values['master-key-file'] }),
    };
  }
  if (values.redis !== undefined) flags.redis = { url: values.redis };
  // The file is watched and re-applied on change (config/file-reload.ts).
  const layers = { file: values.config !== undefined ? readConfigFile(values.config) : {}, filePath: values.config, flags };
  // Validate before touching the data dir, so a bad config changes nothing.
  const resolved = resolveConfig(layers.file, layers.flags);
  const workers = parseWorkers(values.workers);
  if (workers !== undefined && !isWorker()) {
    requireSharedStore(workers, resolved.store.url);
    ensureDataDir(values['data-dir'] ?? defaultDataDir());
    process.exitCode = await runPrimary(workers, (line) => process.stdout.write(`${JSON.stringify(line)}\n`));
    return;
  }
  const dataDir = ensureDataDir(values['data-dir'] ?? defaultDataDir());

  const gateway = await startGateway({ layers, dataDir });

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      gateway.app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    gateway.app.log.info({ signal }, 'shutting down');
    gateway.shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        gateway.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // Announce readiness only once the signal handlers are in place: a supervisor may signal at once.
  const line = { event: 'listening', url: gateway.url, login: gateway.login, version: VERSION, dataDir, pid: process.pid };
  // A worker tells the primary, which prints one line for all of them.
  if (isWorker()) process.send?.(line);
  else process.stdout.write(`${JSON.stringify(line)}\n`);
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (command === 'serve') return serve(rest);
  if (command === 'audit') return auditCommand(rest);
  if (command === 'login') return loginCommand(rest);
  process.stderr.write(`aegisgate: unknown command ${JSON.stringify(command)}\n\n${HELP}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // A key mismatch is the operator's to fix, named in the message; a stack would only hide it.
  if (err instanceof ConfigError || err instanceof KeyMismatchError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`aegisgate: ${(err as Error).message}\n`);
    process.exit(2);
  }
  process.stderr.write(`aegisgate: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
