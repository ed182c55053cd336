// CLI for benchmarks: `node --import tsx test/fake-provider/main.ts --port 0 --delay-ms 200 [--no-record]`
// prints one JSON line {"event":"listening","url":…} when ready and exits on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { startFakeProvider } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'delay-ms': { type: 'string', default: '0' },
    'no-record': { type: 'boolean', default: false },
  },
});

function int(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fake-provider: --${name} must be a non-negative integer, got "${v}"`);
    process.exit(2);
  }
  return n;
}

const provider = await startFakeProvider({
  port: int('port', values.port),
  host: values.host,
  delayMs: int('delay-ms', values['delay-ms']),
  record: !values['no-record'],
});
process.stdout.write(`${JSON.stringify({ event: 'listening', url: provider.url })}\n`);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  provider.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('fake-provider: close failed', err);
      process.exit(1);
    },
  );
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
