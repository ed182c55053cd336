import { parseArgs } from 'node:util';

/**
 * The desktop app's own flags, a subset of `aegisgate serve`'s, from Electron's argv (which also
 * carries Chromium switches and, unpackaged, the app path: unknown flags and positionals are ignored).
 * `npm start -- --port 0 --data-dir /tmp/x` reaches here.
 */
export interface LaunchOptions {
  dataDir?: string;
  configFile?: string;
  port?: number;
  /** Started at login: stay in the tray until the user asks for the window. */
  hidden: boolean;
}

export class LaunchOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LaunchOptionsError';
  }
}

const PORT = /^\d{1,5}$/;

export function parseLaunchOptions(argv: readonly string[]): LaunchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      port: { type: 'string' },
      hidden: { type: 'boolean' },
    },
    strict: false,
    allowPositionals: true,
  });
  const out: LaunchOptions = { hidden: values.hidden === true };
  if (typeof values['data-dir'] === 'string') out.dataDir = values['data-dir'];
  if (typeof values.config === 'string') out.configFile = values.config;
  if (values.port !== undefined) {
    const port = typeof values.port === 'string' && PORT.test(values.port) ? Number(values.port) : NaN;
    if (!(port >= 0 && port <= 65535)) throw new LaunchOptionsError(`--port expects a number from 0 to 65535 (got ${JSON.stringify(values.port)})`);
    out.port = port;
  }
  return out;
}
