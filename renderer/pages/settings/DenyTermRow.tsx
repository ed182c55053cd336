import { Icon } from '../../components/Icon.js';
import type { DenyTermDraft } from '../../lib/validate.js';

interface Props {
  index: number;
  term: DenyTermDraft;
  errors: { pattern?: string; kind?: string };
  onChange: (t: DenyTermDraft) => void;
  onRemove: () => void;
}

export function DenyTermRow({ index, term, errors, onChange, onRemove }: Props) {
  const set = (patch: Partial<DenyTermDraft>) => onChange({ ...term, ...patch });
  const id = `term-${index}`;
  return (
    <div className="term-row" data-testid="deny-term">
      <div className="field grow">
        <label htmlFor={`${id}-pattern`} className="sr-only">
          Term {index + 1}
        </label>
        <input
          id={`${id}-pattern`} className="input mono" value={term.pattern} onChange={(e) => set({ pattern: e.target.value })}
          placeholder={term.regex ? 'regular expression, e.g. \\bPRJ-\\d{4}\\b' : 'text to redact, e.g. Project Bluebird'} aria-invalid={!!errors.pattern}
          spellCheck={false} data-testid="term-pattern"
        />
        {errors.pattern && <span className="error" data-testid="term-error">{errors.pattern}</span>}
      </div>
      <div className="field kind">
        <label htmlFor={`${id}-kind`} className="sr-only">
          Placeholder kind
        </label>
        <input
          id={`${id}-kind`} className="input mono" value={term.kind ?? ''} onChange={(e) => set({ kind: e.target.value.toUpperCase() || undefined })}
          placeholder="CUSTOM" aria-invalid={!!errors.kind} spellCheck={false}
        />
        {errors.kind && <span className="error">{errors.kind}</span>}
      </div>
      <label className="check">
        <input type="checkbox" checked={!!term.regex} onChange={(e) => set({ regex: e.target.checked })} data-testid="term-regex" />
        Regex
      </label>
      <label className="check">
        <input type="checkbox" checked={!!term.caseSensitive} onChange={(e) => set({ caseSensitive: e.target.checked })} />
        Match case
      </label>
      <label className="check">
        <input type="checkbox" checked={!!term.wholeWord} onChange={(e) => set({ wholeWord: e.target.checked })} />
        Whole word
      </label>
      <button type="button" className="btn ghost icon" onClick={onRemove} aria-label={`Remove term ${index + 1}`}>
        <Icon name="trash" />
      </button>
    </div>
  );
}
