import { PRESETS, type PresetName } from '../lib/contract-values.js';

/** A client key's preset: one of the policy presets, or '' for the global one. */
export function PresetSelect({ value, onChange, id, label, testId }: {
  value: PresetName | '';
  onChange: (preset: PresetName | '') => void;
  id?: string;
  /** An accessible name when no <label> points at `id`. */
  label?: string;
  testId: string;
}) {
  return (
    <select id={id} className="select" aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as PresetName | '')}>
      <option value="">Global preset</option>
      {PRESETS.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      ))}
    </select>
  );
}
