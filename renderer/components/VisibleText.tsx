import { visibleRuns } from '../lib/visible.js';

/**
 * User-, prompt- or response-derived text, always as React text nodes (never HTML), with invisible
 * and direction-changing characters shown as badges so a preview cannot read differently than it is.
 */
export function VisibleText({ text }: { text: string }) {
  return (
    <>
      {visibleRuns(text).map((run, i) =>
        run.kind === 'text' ? (
          run.text
        ) : (
          <span key={i} className="cp" title={`Invisible character ${run.label}`}>
            ⟨{run.label}⟩
          </span>
        ),
      )}
    </>
  );
}
