import { useState } from 'react';
import { Icon } from '../../components/Icon.js';
import { PRESETS, type PresetName, type RuleView } from '../../lib/contract-values.js';
import type { useConfig } from '../../hooks/useConfig.js';
import { useRules } from '../../hooks/useRules.js';
import { restoreInput } from '../../lib/rules.js';
import { useToast } from '../../hooks/useToasts.js';
import { RuleEditor } from './RuleEditor.js';
import { RulesTable } from './RulesTable.js';
import { sortProviders } from '../../lib/providers.js';

const PRESET_TEXT: Record<PresetName, { title: string; text: string }> = {
  permissive: { title: 'Permissive', text: 'Redact everything found and never ask. Injection and dangerous tool calls are recorded, not stopped.' },
  balanced: { title: 'Balanced', text: 'Redact, and ask before private keys, cloud credentials, injected instructions in tool results and dangerous tool calls go through.' },
  strict: { title: 'Strict', text: 'Ask about everything found that your rules do not already allow.' },
};

export function PolicySection({ config }: { config: ReturnType<typeof useConfig> }) {
  const toast = useToast();
  const rules = useRules();
  const preset = config.view!.config.policy.preset;
  const [editing, setEditing] = useState<RuleView | 'new'>();

  // A deleted rule can come back as it was (same id, so the audit's rule ids still point at it).
  const deleteWithUndo = async (r: RuleView) => {
    const res = await rules.remove(r.id);
    if (!res.ok) return toast(Object.values(res.errors)[0] ?? 'Could not delete the rule', 'danger');
    toast('Rule deleted', 'info', {
      label: 'Undo',
      run: () => void rules.create(restoreInput(r)).then((back) => toast(back.ok ? 'Rule restored' : `Could not restore: ${Object.values(back.errors)[0]}`, back.ok ? 'info' : 'danger')),
    });
  };

  const setPreset = async (p: PresetName) => {
    const res = await config.save({ policy: { preset: p } });
    if (res.ok) toast(`Policy preset: ${PRESET_TEXT[p].title}`);
    else toast(Object.values(res.errors)[0] ?? 'Could not change the preset', 'danger');
  };

  return (
    <div className="stack">
      <section className="card">
        <div className="card-head">
          <div className="grow">
            <h2>Policy preset</h2>
            <p>The starting point for every decision. Your rules below always come first.</p>
          </div>
        </div>
        <div className="card-body preset-grid" role="radiogroup" aria-label="Policy preset">
          {PRESETS.map((p) => (
            <button key={p} type="button" role="radio" aria-checked={preset === p} className="preset" onClick={() => void setPreset(p)} data-testid={`preset-${p}`}>
              <span className="preset-title">
                <span className="radio" /> {PRESET_TEXT[p].title}
              </span>
              <span className="preset-text">{PRESET_TEXT[p].text}</span>
            </button>
          ))}
        </div>
      </section>
      <section className="card">
        <div className="card-head">
          <div className="grow">
            <h2>Your rules</h2>
            <p>Match × action × lifetime, like a firewall. The most specific matching rule decides; on a tie, block beats allow.</p>
          </div>
          {rules.data && !editing && (
            <button type="button" className="btn primary" onClick={() => setEditing('new')} data-testid="new-rule">
              <Icon name="plus" /> New rule
            </button>
          )}
        </div>
        <div className="card-body stack">
          {editing && (
            <RuleEditor
              rule={editing === 'new' ? undefined : editing}
              providers={sortProviders(Object.keys(config.view!.config.providers))}
              onCancel={() => setEditing(undefined)}
              onSave={async (input) => {
                const res = editing === 'new' ? await rules.create(input) : await rules.update(editing.id, input);
                if (res.ok) {
                  setEditing(undefined);
                  toast(editing === 'new' ? 'Rule added' : 'Rule saved');
                }
                return res;
              }}
            />
          )}
          {rules.error?.status === 404 ? (
            <p className="muted">This gateway does not offer rule editing yet. Decisions you remember in Confirmations still become rules.</p>
          ) : rules.error ? (
            <div className="form-error">Could not load rules: {rules.error.message}</div>
          ) : (
            rules.data && <RulesTable rules={rules.data.rules} onEdit={setEditing} onDelete={(r) => void deleteWithUndo(r)} />
          )}
        </div>
      </section>
      {rules.data && rules.data.presetRules.length > 0 && (
        <details className="card preset-rules">
          <summary>
            <span className="strong">Rules of the {PRESET_TEXT[preset].title.toLowerCase()} preset</span>
            <span className="muted small"> · {rules.data.presetRules.length} rules, read-only</span>
          </summary>
          <div className="card-body">
            <RulesTable rules={rules.data.presetRules} />
          </div>
        </details>
      )}
    </div>
  );
}
