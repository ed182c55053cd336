import type { FieldContext } from '../../policy/finding.js';
import { findControlRuns } from '../../confirm/control-runs.js';
import { exfiltrationHits } from './exfiltration.js';
import { toolCallParts, type ToolCall } from './extract.js';
import { RESPONSE_DETECTORS as D, type Hit, type ResponseFinding } from './findings.js';
import { isCredentialDir, isCredentialFile } from './paths.js';
import { analyzeShell } from './shell-analyze.js';
import { shellBlocks } from './text-blocks.js';

/**
 * Response guards: findings for a completed tool call or for model text. Each finding comes with the
 * string its offsets index (`source`), so the caller can build a masked preview or a value hash for a
 * value-scoped rule; findings themselves never carry text.
 */
export interface Inspected {
  readonly finding: ResponseFinding;
  readonly source: string;
}

export interface ToolCallCheckOptions {
  /** Values the gateway restored into this response (secrets put back in place of placeholders). */
  readonly restoredSecrets?: readonly string[];
}

const BIDI_ONLY = new Set(['bidi-control'] as const);
const FILE_URL = /^file:\/\//;

const toolField = (path: string): FieldContext => ({ role: 'assistant', fieldKind: 'tool_args', untrusted: true, path });
const TEXT_FIELD: FieldContext = { role: 'assistant', fieldKind: 'message', untrusted: true, path: 'text' };

const inspected = (hit: Hit, field: FieldContext, source: string): Inspected => ({
  finding: { detector: hit.detector, category: 'response', kind: hit.kind, start: hit.start, end: hit.end, field },
  source,
});

export function inspectToolCall(call: ToolCall, opts: ToolCallCheckOptions = {}): Inspected[] {
  const parts = toolCallParts(call);
  const out: Inspected[] = [];
  for (const c of parts.commands) {
    for (const hit of analyzeShell(c.text)) out.push(inspected(hit, toolField(c.path), c.text));
  }
  for (const p of parts.readPaths) {
    const path = p.text.replace(FILE_URL, '');
    const dirCounts = parts.kind === 'search';
    if (isCredentialFile(path) || (dirCounts && isCredentialDir(path))) {
      out.push(inspected({ detector: D.credentialRead, kind: `${parts.kind}-tool`, start: 0, end: p.text.length }, toolField(p.path), p.text));
    }
  }
  for (const x of exfiltrationHits(call.name, parts, opts.restoredSecrets ?? [])) out.push(inspected(x.hit, toolField(x.path), x.source));
  for (const s of parts.strings) {
    for (const run of findControlRuns(s.text, BIDI_ONLY)) {
      out.push(inspected({ detector: D.bidi, kind: run.kind, start: run.start, end: run.end }, toolField(s.path), s.text));
    }
  }
  return out;
}

/**
 * Model text: bidi controls anywhere, and the shell checks inside shell-looking fenced code blocks
 * (offsets are into the whole text). Prose that merely mentions `rm -rf /` is not a command.
 */
export function inspectText(text: string): Inspected[] {
  const out: Inspected[] = [];
  for (const run of findControlRuns(text, BIDI_ONLY)) {
    out.push(inspected({ detector: D.bidi, kind: run.kind, start: run.start, end: run.end }, TEXT_FIELD, text));
  }
  for (const block of shellBlocks(text)) {
    for (const hit of analyzeShell(block.text)) {
      out.push(inspected({ ...hit, start: hit.start + block.offset, end: hit.end + block.offset }, TEXT_FIELD, text));
    }
  }
  return out;
}

export const checkToolCall = (call: ToolCall, opts?: ToolCallCheckOptions): ResponseFinding[] =>
  inspectToolCall(call, opts).map((i) => i.finding);

export const checkText = (text: string): ResponseFinding[] => inspectText(text).map((i) => i.finding);

export const CHECK_TEXT_PATTERNS: readonly RegExp[] = [FILE_URL];
