import { useState } from 'react';
import type { useConfig } from '../../hooks/useConfig.js';
import { useToast } from '../../hooks/useToasts.js';
import { checkAllowEntry } from '../../lib/validate.js';

/**
 * The built-in allowlist of values agents ship in their own prompts and tool definitions (vendor
 * addresses, documentation examples). Shown so users know what is never redacted, editable like their own.
 */
export function VendorAllowlistSection({ config }: { config: ReturnType<typeof useConfig> }) {
  const toast = useToast();
  const [text, setText] = useState(() => config.view!.config.scan.vendorAllowlist.join('\n'));
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const lines = text.split('\n').filter((l) => l !== '');
    const bad = lines.map((l, i) => [i, checkAllowEntry(l)] as const).find(([, e]) => e);
    if (bad) return setError(`Line ${bad[0] + 1}: ${bad[1]}`);
    setSaving(true);
    const res = await config.save({ scan: { vendorAllowlist: lines } });
    setSaving(false);
    if (res.ok) {
      setError(undefined);
      toast('Saved: the next request is scanned with this list');
    } else setError(Object.values(res.errors)[0]);
  };

  return (
    <section className="card">
      <div className="card-head">
        <div className="grow">
          <h2>Built-in allowlist</h2>
          <p>Vendor addresses and documentation examples that coding agents ship in their own prompts and tool definitions, such as Claude Code’s <code>noreply@anthropic.com</code>. They are never redacted or asked about.</p>
        </div>
      </div>
      <div className="card-body stack">
        <div className="field">
          <label htmlFor="vendor-allowlist">Values (one per line)</label>
          <textarea id="vendor-allowlist" className="textarea" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="vendor-allowlist" />
          {error ? <span className="error">{error}</span> : <span className="hint">Remove a line to have that value redacted again.</span>}
        </div>
      </div>
      <div className="card-foot">
        <button type="button" className="btn primary" onClick={() => void save()} disabled={saving} data-testid="save-vendor-allowlist">
          Save built-in allowlist
        </button>
      </div>
    </section>
  );
}
