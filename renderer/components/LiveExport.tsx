import { useState } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { download } from '../dom/download.js';
import { useApi } from '../hooks/useApi.js';
import { toQuery, type AuditFilters } from '../lib/audit.js';
import { EXPORT_FORMATS, EXPORT_TYPE, exportFileName, exportText, type ExportFormat } from '../lib/audit-export.js';

/** Events exported at most in one go; beyond that, `aegisgate audit export` streams the whole trail. */
const EXPORT_MAX = 20_000;
const PAGE = 500;
const LABEL: Record<ExportFormat, string> = { ndjson: 'NDJSON', json: 'JSON', csv: 'CSV' };

/** Exports everything the current filters match (not just the rows loaded so far), newest page first. */
export function LiveExport({ filters }: { filters: AuditFilters }) {
  const api = useApi();
  const [busy, setBusy] = useState<ExportFormat>();
  const [error, setError] = useState<string>();

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      const events: AuditEvent[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.audit(toQuery(filters, PAGE, cursor));
        events.push(...page.events);
        cursor = page.nextCursor;
      } while (cursor !== undefined && events.length < EXPORT_MAX);
      download(exportText(events.slice(0, EXPORT_MAX), format), EXPORT_TYPE[format], exportFileName(format, Date.now()));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
    <span className="export-label" aria-hidden="true">Export</span>
    <div className="seg" role="group" aria-label="Export the filtered view" title={`Export what the filters match (up to ${EXPORT_MAX.toLocaleString()} events); values are never in the audit log`}>
      {EXPORT_FORMATS.map((f) => (
        <button key={f} type="button" onClick={() => void run(f)} disabled={busy !== undefined} data-testid={`export-${f}`} aria-label={`Export as ${LABEL[f]}`}>
          {busy === f ? '…' : LABEL[f]}
        </button>
      ))}
      {error && <span className="form-error" role="alert">Export failed: {error}</span>}
    </div>
    </>
  );
}
