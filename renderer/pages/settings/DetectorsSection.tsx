import { useEffect, useState } from 'react';
import type { DetectorInfo } from '../../../gateway/admin/contract.js';
import { useApi } from '../../hooks/useApi.js';
import type { useConfig } from '../../hooks/useConfig.js';
import { useToast } from '../../hooks/useToasts.js';

const GROUPS: { category: DetectorInfo['category']; title: string; hint: string }[] = [
  { category: 'secret', title: 'Secrets', hint: 'Keys, tokens, passwords, session cookies, webhook URLs, wallet keys and seed phrases.' },
  { category: 'pii', title: 'Personal data', hint: 'Emails, phone numbers, cards, IBANs, national ids, IP and wallet addresses.' },
  {
    category: 'name',
    title: 'Names (opt-in)',
    hint: 'People, places and organisations in message and tool-result prose, found on this machine; code, paths and identifiers are skipped. Off until you turn them on.',
  },
];

const sameSet = (a: ReadonlySet<string>, b: readonly string[]) => a.size === b.length && b.every((x) => a.has(x));

/**
 * One switch per built-in detector. The list comes from the gateway (`GET /admin/detectors`, the
 * scanner's own list), so a new detector appears here without a renderer change; switching one off
 * writes `scan.disabled`, keeping ids this page does not list (custom terms) as they were.
 */
export function DetectorsSection({ config }: { config: ReturnType<typeof useConfig> }) {
  const api = useApi();
  const toast = useToast();
  const scan = config.view!.config.scan;
  const saved = scan.disabled;
  const [detectors, setDetectors] = useState<DetectorInfo[]>();
  const [loadError, setLoadError] = useState<string>();
  const [off, setOff] = useState<ReadonlySet<string>>(() => new Set(saved));
  const [optedIn, setOptedIn] = useState<ReadonlySet<string>>(() => new Set(scan.enabled));
  const [namesAllow, setNamesAllow] = useState(() => scan.namesAllowlist.join('\n'));
  const namesAllowList = namesAllow.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.detectors().then((r) => setDetectors(r.detectors), (err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)));
  }, [api]);

  const dirty = !sameSet(off, saved) || !sameSet(optedIn, scan.enabled) || namesAllowList.join('\n') !== scan.namesAllowlist.join('\n');
  const isOn = (d: DetectorInfo) => (d.optIn === true ? optedIn.has(d.id) : !off.has(d.id));
  const toggle = (d: DetectorInfo, on: boolean) => {
    const id = d.id;
    if (d.optIn === true) {
      setOptedIn((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      });
      return;
    }
    setOff((s) => {
      const next = new Set(s);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const save = async () => {
    const enabled = [...optedIn] as typeof scan.enabled;
    const res = await config.save({ scan: { disabled: [...off], enabled, namesAllowlist: namesAllowList } });
    if (res.ok) {
      setError(undefined);
      toast(off.size === 0 ? 'Saved: every detector is on' : `Saved: ${off.size} detector${off.size === 1 ? '' : 's'} off from the next request`);
    } else setError(Object.values(res.errors)[0]);
  };

  return (
    <section className="card">
      <div className="card-head">
        <div className="grow">
          <h2>Detectors</h2>
          <p>What the gateway looks for in every request. A detector switched off finds nothing; what it would have found leaves unredacted.</p>
        </div>
      </div>
      <div className="card-body stack">
        {loadError && <div className="form-error">Could not load the detectors: {loadError}</div>}
        {detectors === undefined && !loadError && <p className="muted">Loading…</p>}
        {detectors !== undefined && config.view!.config.scan.ip === false && (
          <p className="muted small">IP detection is off (<code>scan.ip: false</code>), whatever the IPv4 and IPv6 switches say.</p>
        )}
        {detectors !== undefined &&
          GROUPS.map((g) => (
            <section key={g.category} role="group" aria-labelledby={`detectors-${g.category}`}>
              <h3 id={`detectors-${g.category}`}>{g.title}</h3>
              <p className="muted small">{g.hint}</p>
              <div className="detector-grid">
                {detectors
                  .filter((d) => d.category === g.category)
                  .map((d) => (
                    <label key={d.id} className="check detector" title={d.anchor}>
                      <input type="checkbox" checked={isOn(d)} onChange={(e) => toggle(d, e.target.checked)} data-testid={`detector-${d.id}`} />
                      <span className="mono">{d.id}</span>
                      <span className="chip">{d.kind}</span>
                    </label>
                  ))}
              </div>
              {g.category === 'name' && (
                <div className="field">
                  <label htmlFor="names-allowlist">Names never masked (your company, products, tools; one per line, any case)</label>
                  <textarea
                    id="names-allowlist"
                    className="textarea"
                    value={namesAllow}
                    onChange={(e) => setNamesAllow(e.target.value)}
                    spellCheck={false}
                    data-testid="names-allowlist"
                  />
                </div>
              )}
            </section>
          ))}
        {error && <div className="form-error">{error}</div>}
      </div>
      <div className="card-foot">
        {dirty && <span className="muted small">unsaved changes</span>}
        <button
          type="button"
          className="btn"
          onClick={() => (setOff(new Set(saved)), setOptedIn(new Set(scan.enabled)), setNamesAllow(scan.namesAllowlist.join('\n')), setError(undefined))}
          disabled={!dirty}
        >
          Reset
        </button>
        <button type="button" className="btn primary" onClick={() => void save()} disabled={!dirty} data-testid="save-detectors">
          Save detectors
        </button>
      </div>
    </section>
  );
}
