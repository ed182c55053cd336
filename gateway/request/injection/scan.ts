import type { FieldContext, GuardFinding } from '../../policy/finding.js';
import { normalizeForScan } from '../../scan/normalize.js';
import { findControlRuns } from '../../confirm/control-runs.js';
import { findEncodedInstructions } from './encoded.js';
import { findPhrases } from './phrases.js';

/**
 * Request guard: prompt-injection heuristics for one text field, meant for untrusted inputs (tool
 * results, retrieved documents, fetched pages). It only reports: what happens to a finding is the
 * policy's decision (balanced confirms injection in untrusted fields; nothing blocks on heuristics).
 */
export const INJECTION_DETECTORS = {
  override: 'injection.instruction-override',
  role: 'injection.role-syntax',
  invisible: 'injection.invisible-text',
  encoded: 'injection.encoded-instruction',
} as const;

export type InjectionFinding = GuardFinding & { readonly category: 'injection'; readonly field: FieldContext };

export function scanInjection(text: string, field: FieldContext): InjectionFinding[] {
  const out: InjectionFinding[] = [];
  const add = (detector: string, kind: string, start: number, end: number) =>
    out.push({ detector, category: 'injection', kind, start, end, field });

  for (const run of findControlRuns(text)) add(INJECTION_DETECTORS.invisible, run.kind, run.start, run.end);

  // Phrases are matched on the scanner's normalised view (invisible characters removed, NFKC), so
  // neither "ig\u200Bnore" nor fullwidth "ｉｇｎｏｒｅ" slips through; offsets map back to the original.
  const view = normalizeForScan(text);
  for (const hit of findPhrases(view === null ? text : view.text)) {
    const detector = hit.pattern.kind === 'role-syntax' ? INJECTION_DETECTORS.role : INJECTION_DETECTORS.override;
    add(detector, hit.pattern.id, view === null ? hit.start : view.start(hit.start), view === null ? hit.end : view.end(hit.end));
  }

  for (const hit of findEncodedInstructions(text)) add(INJECTION_DETECTORS.encoded, hit.encoding, hit.start, hit.end);

  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
