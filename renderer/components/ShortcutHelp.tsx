const KEYS: [string, string][] = [
  ['j / ↓', 'Next request'],
  ['k / ↑', 'Previous request'],
  ['x', 'Select for a batch decision'],
  ['a', 'Send redacted (placeholders instead of the values)'],
  ['o', 'Send original (the values as written)'],
  ['d', 'Deny'],
  ['r', 'Reveal the original text (recorded in the audit log)'],
  ['Esc', 'Clear the selection'],
];

/** With items selected, a / o / d apply to all of them; otherwise to the highlighted one. */
export function ShortcutHelp() {
  return (
    <div className="card shortcut-help" data-testid="shortcut-help">
      <div className="card-body">
        <div className="section-title">Keyboard</div>
        <dl className="shortcuts">
          {KEYS.map(([k, what]) => (
            <div key={k}>
              <dt>
                {k.split(' / ').map((part) => (
                  <kbd key={part} className="kbd">
                    {part}
                  </kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">With requests selected, a, o and d apply to all of them; otherwise to the highlighted one.</p>
      </div>
    </div>
  );
}
