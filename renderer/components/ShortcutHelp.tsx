const KEYS: [string, string][] = [
  ['j / ↓', 'Next request'],
  ['k / ↑', 'Previous request'],
  ['x', 'Select for a batch decision'],
  ['a', 'Send a request redacted (placeholders instead of the values); never allows a tool call'],
  ['o', 'Send a request original (the values as written)'],
  ['d', 'Deny a request or refuse a tool call'],
  ['Shift+A', 'Allow one tool call (the highlighted card only, never a batch)'],
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
        <p className="muted small">With items selected, d applies to all of them and a / o to the requests among them; otherwise to the highlighted one. Hovering or focusing a card stops its clock.</p>
      </div>
    </div>
  );
}
