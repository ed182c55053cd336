// Where response bytes go: straight to the socket, optionally in small pieces with pauses between
// them (tcp-split), optionally through gzip flushed after every write so streams stay streams.
import { createGzip, constants } from 'node:zlib';
import type { Exchange } from './exchange.js';

export interface Sink {
  write(data: string | Buffer): Promise<void>;
  end(): Promise<void>;
  /** frees what end() would have, for replies that never end */
  dispose(): void;
}

/** Long enough for each piece to leave as its own TCP segment and be read on its own. */
const SPLIT_PAUSE_MS = 1;

function rawSink(ex: Exchange, split: number): Sink {
  return {
    async write(data) {
      if (split === 0) return ex.write(data);
      const buf = typeof data === 'string' ? Buffer.from(data) : data;
      for (let i = 0; i < buf.length && !ex.closed; i += split) {
        await ex.write(buf.subarray(i, i + split));
        await ex.sleep(SPLIT_PAUSE_MS);
      }
    },
    async end() {
      if (!ex.closed) ex.res.end();
    },
    dispose() {},
  };
}

function gzipSink(inner: Sink): Sink {
  const gz = createGzip();
  let pending: Buffer[] = [];
  gz.on('data', (c: Buffer) => pending.push(c));
  const drainInto = async (): Promise<void> => {
    const out = Buffer.concat(pending);
    pending = [];
    if (out.length > 0) await inner.write(out);
  };
  return {
    async write(data) {
      gz.write(data);
      await new Promise<void>((resolve) => gz.flush(constants.Z_SYNC_FLUSH, () => resolve()));
      await drainInto();
    },
    async end() {
      await new Promise<void>((resolve) => gz.end(() => resolve()));
      await new Promise<void>((resolve) => (gz.readableEnded ? resolve() : gz.once('end', () => resolve())));
      await drainInto();
      await inner.end();
    },
    dispose() {
      gz.destroy();
    },
  };
}

export function makeSink(ex: Exchange, o: { gzip: boolean; tcpSplit: number }): Sink {
  const raw = rawSink(ex, o.tcpSplit);
  return o.gzip ? gzipSink(raw) : raw;
}
