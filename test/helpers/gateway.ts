// Starts the real gateway for integration tests: in-process (startGateway on port 0, a real SQLite
// store in a temp data dir) or as a child process through the real CLI, exactly as a user would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { mergeDeep, type DeepPartial } from '../../gateway/config/load.js';
import type { RuntimeConfig } from '../../gateway/config/runtime.js';
import type { GatewayConfig } from '../../gateway/config/schema.js';
import { startGateway, type StartOptions } from '../../gateway/server.js';
import type { Store } from '../../gateway/store/types.js';

export interface TestGateway {
  url: string;
  app: FastifyInstance;
  config: GatewayConfig;
  runtime: RuntimeConfig;
  store: Store;
  dataDir: string;
  /** Graceful shutdown, then the temp data dir is removed (unless it was given). */
  close(): Promise<void>;
}

export function tempDir(prefix = 'aegis-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestGatewayOptions extends Partial<Pick<StartOptions, 'bus' | 'keyWrapper' | 'logger' | 'compileScanner'>> {
  /** Reuse a data dir (to restart over the same store); it is then kept on close. */
  dataDir?: string;
}

/** Both providers pointed at `upstream` unless `config.providers` says otherwise. */
export async function startTestGateway(upstream: string, config: DeepPartial<GatewayConfig> = {}, opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const dataDir = opts.dataDir ?? tempDir();
  // The fake provider is steered by `x-fake-*` request headers, which are not on any provider's allowlist.
  const base = { port: 0, log: { level: 'silent' }, providers: { openai: { baseUrl: upstream }, anthropic: { baseUrl: upstream } }, upstream: { forwardHeaders: ['x-fake-*'] } };
  const gateway = await startGateway({
    // The test's config is the file layer, so admin API changes (the overlay) can still override it.
    layers: { file: mergeDeep(base, config) },
    dataDir,
    logger: opts.logger ?? pino({ level: 'silent' }),
    bus: opts.bus,
    keyWrapper: opts.keyWrapper,
    compileScanner: opts.compileScanner,
  });
  return {
    url: gateway.url,
    app: gateway.app,
    config: gateway.config.current,
    runtime: gateway.config,
    store: gateway.store,
    dataDir,
    close: async () => {
      await gateway.shutdown();
      if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The CLI's one stdout line when ready. */
export interface ListeningLine {
  event: 'listening';
  url: string;
  /** The one-time dashboard login URL (`…/ui/#token=…`). */
  login?: string;
  version?: string;
  dataDir?: string;
  pid?: number;
}

export interface ChildGateway {
  url: string;
  /** The whole listening line, parsed. */
  line: ListeningLine;
  proc: ChildProcessWithoutNullStreams;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export const CLI = join(import.meta.dirname, '../../bin/aegisgate.js');

/** Runs `aegisgate <args>` and waits for its listening line. */
export async function spawnGateway(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildGateway> {
  const proc = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const lines = createInterface({ input: proc.stdout });
  const line = await new Promise<ListeningLine>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start; stderr:\n${err}`)), 30_000);
    lines.once('line', (text) => {
      clearTimeout(timer);
      const parsed = JSON.parse(text) as ListeningLine;
      if (parsed.event === 'listening') resolve(parsed);
      else reject(new Error(`unexpected first line: ${text}`));
    });
    void exited.then((code) => reject(new Error(`gateway exited (${code}) before listening; stderr:\n${err}`)));
  });
  return { url: line.url, line, proc, stderr: () => err, exited };
}
