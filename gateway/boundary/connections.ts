import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Descriptors kept back from the connection cap for the store, logs, workers and the like. */
const RESERVED_FDS = 64;
/** Used where the soft descriptor limit cannot be read (Windows has no such per-process limit). */
const UNKNOWN_LIMIT = 16_384;

/** The soft open-files limit, from /proc on Linux; undefined where it cannot be read cheaply. */
export function descriptorLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === 'unlimited') return undefined;
    const n = Number(soft);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The default cap on open client connections: each proxied request may hold a client socket and an
 * upstream socket, so half of what the descriptor limit leaves after a reserve for everything else.
 */
export function defaultMaxConnections(limit = descriptorLimit() ?? UNKNOWN_LIMIT): number {
  return Math.max(16, Math.floor((limit - RESERVED_FDS) / 2));
}

export interface ConnectionStats {
  /** Connections open now. */
  open(): number;
  /** Connections closed at once because `max` were open. */
  dropped: number;
  /** Connections closed because no request arrived within the idle timeout. */
  idleClosed: number;
}

const timers = new WeakMap<Socket, NodeJS.Timeout>();

/**
 * Caps open connections (past the cap Node closes new ones at once and emits `drop`) and closes
 * connections that send no request within `idleMs` of opening. Node's own timeouts do not cover that
 * case: headersTimeout starts with the first byte and keepAliveTimeout after the first response, so a
 * socket that never sends anything stayed open for ever and held a descriptor.
 */
export function guardConnections(server: Server, opts: { max: number; idleMs: number }): ConnectionStats {
  let open = 0;
  const stats: ConnectionStats = { open: () => open, dropped: 0, idleClosed: 0 };
  server.maxConnections = opts.max;
  server.on('drop', () => stats.dropped++);
  server.on('connection', (socket: Socket) => {
    open++;
    const timer = setTimeout(() => {
      stats.idleClosed++;
      socket.destroy();
    }, opts.idleMs);
    timer.unref();
    timers.set(socket, timer);
    socket.once('close', () => {
      open--;
      clearTimeout(timer);
    });
  });
  // The first request on a connection ends its idle wait; keep-alive takes over after the response.
  server.on('request', (req: { socket: Socket }) => {
    const timer = timers.get(req.socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(req.socket);
  });
  return stats;
}
