import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.js';
import { defaultDataDir } from '../config/paths.js';
import { AuditReader, NoAuditDatabaseError } from './audit-reader.js';
import { parseTimeSpec } from './time-spec.js';

export const AUDIT_HELP = 'aegisgate audit export [--data-dir DIR] [--since TIME] [--until TIME] [--format jsonl]';

function timeFlag(name: string, text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseTimeSpec(text, now);
  if (ms === undefined) throw new ConfigError(`--${name} expects epoch ms, an ISO 8601 time or a span such as 24h (got ${JSON.stringify(text)})`);
  return ms;
}

/** Writes one line, waiting while the buffer is full; false once the stream failed or the reader left (EPIPE). */
async function writeLine(out: Writable, line: string): Promise<boolean> {
  if (out.destroyed || out.errored) return false;
  if (out.write(line)) return true;
  return Promise.race([once(out, 'drain').then(() => true), once(out, 'close').then(() => false)]);
}

/**
 * `aegisgate audit export`: the audit trail as JSON lines on stdout, oldest first. It reads the
 * database read-only, so it runs next to a gateway using the same data dir. Audit events hold no
 * secrets, so neither does the output.
 */
export async function auditExport(argv: string[], out: Writable = process.stdout): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, format: { type: 'string' } },
    strict: true,
  });
  if (values.format !== undefined && values.format !== 'jsonl') throw new ConfigError(`--format supports only jsonl (got ${JSON.stringify(values.format)})`);
  const now = Date.now();
  const range: { since?: number; until?: number } = {};
  const since = timeFlag('since', values.since, now);
  const until = timeFlag('until', values.until, now);
  if (since !== undefined) range.since = since;
  if (until !== undefined) range.until = until;

  let reader: AuditReader;
  try {
    reader = new AuditReader(resolve(values['data-dir'] ?? defaultDataDir()), range);
  } catch (err) {
    if (!(err instanceof NoAuditDatabaseError)) throw err;
    process.stderr.write(`aegisgate: ${err.message}\n`);
    process.exitCode = 1;
    return;
  }
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (err: NodeJS.ErrnoException) => (failure ??= err);
  out.on('error', onError);
  try {
    for (const event of reader.events()) {
      if (!(await writeLine(out, `${JSON.stringify(event)}\n`))) break;
    }
  } finally {
    reader.close();
  }
  // A reader that stops early (`| head`) is not an error; any other write failure is.
  if (failure && failure.code !== 'EPIPE') throw failure;
}

/** `aegisgate audit <subcommand>`. */
export async function auditCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return auditExport(rest);
  throw new ConfigError(`unknown audit subcommand ${JSON.stringify(sub ?? '')}; usage: ${AUDIT_HELP}`);
}
