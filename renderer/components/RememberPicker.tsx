import { LIFETIME_LABEL, SCOPE_LABEL, type LifetimeChoice, type RememberChoice, type ScopeChoice } from '../lib/remember.js';

/** "Remember this decision" as two native selects: keyboard- and screen-reader-friendly for free. */
export function RememberPicker({ value, onChange, onInteract, idPrefix, toolCall = false }: {
  value: RememberChoice; onChange: (v: RememberChoice) => void; onInteract: () => void; idPrefix: string;
  /** A tool-call card: "everything from this app" would let every dangerous call of the app run unasked, so it is not offered. */
  toolCall?: boolean;
}) {
  return (
    <div className="remember">
      <label htmlFor={`${idPrefix}-scope`} className="label">
        Remember
      </label>
      <select
        id={`${idPrefix}-scope`} className="select sm" value={value.scope} onFocus={onInteract} data-testid="remember-scope"
        onChange={(e) => onChange({ ...value, scope: e.target.value as ScopeChoice })}
      >
        {(Object.keys(SCOPE_LABEL) as ScopeChoice[]).filter((s) => !(toolCall && s === 'everything')).map((s) => (
          <option key={s} value={s}>
            {SCOPE_LABEL[s]}
          </option>
        ))}
      </select>
      {value.scope !== '' && (
        <select
          aria-label="For how long" className="select sm" value={value.lifetime} onFocus={onInteract} data-testid="remember-lifetime"
          onChange={(e) => onChange({ ...value, lifetime: e.target.value as LifetimeChoice })}
        >
          {(Object.keys(LIFETIME_LABEL) as LifetimeChoice[]).map((l) => (
            <option key={l} value={l}>
              {LIFETIME_LABEL[l]}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
