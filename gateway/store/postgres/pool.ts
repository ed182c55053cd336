import pg from 'pg';

export interface PgPoolOptions {
  url: string;
  /** Most connections this instance opens. Default 10: N instances need N × max from the server. */
  max?: number;
  /** How long a query waits for a connection (and a connection for the server) before failing. */
  connectTimeoutMs?: number;
  onError?: (err: unknown) => void;
}

/** BIGINT (epoch ms, counts) as a JS number: every value the store keeps fits in 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A bounded pool. An idle client's error (the server restarted) is reported, never thrown. */
export function openPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    types,
  });
  pool.on('error', (err) => options.onError?.(err));
  return pool;
}

/** The connection-level failures (server down, restarting, network), by code, as opposed to a bad statement. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);

export function isUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    // pg's own timeouts and closed connections carry no code.
    if (e instanceof Error && !('code' in e) && /^(timeout exceeded when trying to connect|Connection terminated)/.test(e.message)) return true;
  }
  return false;
}
