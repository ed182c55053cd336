/**
 * One line for the tray when the gateway does not start, saying what to do where we know it. Mapped
 * by error code (STYLE 4); the message is only the fallback.
 */
interface ErrorLike {
  code?: unknown;
  port?: unknown;
  message?: unknown;
}

export function describeStartError(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  switch (e.code) {
    case 'EADDRINUSE': {
      const port = typeof e.port === 'number' ? `port ${e.port}` : 'the port';
      return `${port} is already in use (is \`aegisgate serve\` or another AegisGate running?)`;
    }
    case 'EACCES':
      return 'the data directory or port is not accessible';
    case 'ERR_DLOPEN_FAILED':
      // Running from a checkout: node_modules holds better-sqlite3 built for Node, not for Electron.
      return 'better-sqlite3 is not built for this Electron (run `npx electron-builder install-app-deps`)';
  }
  const message = typeof e.message === 'string' ? e.message : String(err);
  return message.split('\n')[0].slice(0, 200);
}
