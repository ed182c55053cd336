import type { AuditEvent } from '../../gateway/admin/contract.js';
import { errorKindOf } from './audit-search-values.js';

/**
 * The Live page's export of the filtered view. NDJSON is exactly `GET /admin/audit/export`'s
 * contract (one AuditEvent per line, oldest first); JSON is the same events as one array; CSV
 * flattens them for a spreadsheet. Audit events hold no values, so neither does any of these.
 */
export const EXPORT_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_TYPE: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson',
  json: 'application/json',
  csv: 'text/csv',
};
const EXTENSION: Record<ExportFormat, string> = { ndjson: 'jsonl', json: 'json', csv: 'csv' };

const COLUMNS: [string, (e: AuditEvent) => string | number | undefined][] = [
  ['id', (e) => e.id],
  ['time', (e) => new Date(e.time).toISOString()],
  ['app', (e) => e.client.app],
  ['keyId', (e) => e.client.keyId],
  ['provider', (e) => e.provider],
  ['model', (e) => e.model],
  ['route', (e) => e.route],
  ['status', (e) => e.status],
  ['decision', (e) => e.decision],
  ['errorKind', (e) => errorKindOf(e)],
  ['errorCode', (e) => e.errorCode],
  ['pendingId', (e) => e.pendingId],
  ['findings', (e) => Object.entries(e.findings).map(([c, n]) => `${c}:${n}`).join(' ')],
  ['totalMs', (e) => e.durations.totalMs],
  ['upstreamMs', (e) => e.durations.upstreamMs],
  ['overheadMs', (e) => e.durations.overheadMs],
  ['waitMs', (e) => e.durations.waitMs],
  ['bytesIn', (e) => e.bytes.in],
  ['bytesOut', (e) => e.bytes.out],
];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @) is prefixed with '. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `events` newest first, as the list shows them; every format is written oldest first, like the audit export. */
export function exportText(events: readonly AuditEvent[], format: ExportFormat): string {
  const oldest = [...events].reverse();
  switch (format) {
    case 'ndjson':
      return oldest.map((e) => `${JSON.stringify(e)}\n`).join('');
    case 'json':
      return `${JSON.stringify(oldest, null, 2)}\n`;
    case 'csv':
      return [COLUMNS.map(([name]) => name).join(','), ...oldest.map((e) => COLUMNS.map(([, get]) => csvCell(get(e))).join(','))].join('\r\n') + '\r\n';
  }
}

export const exportFileName = (format: ExportFormat, now: number): string =>
  `aegisgate-live-${new Date(now).toISOString().replace(/[:.]/g, '-')}.${EXTENSION[format]}`;
