// Redaction: one string's findings replaced by placeholders (with placeholder-shaped client text
// escaped), and the whole request's scan units written back that way, in slices of the event loop.
import { writeField } from '../adapters/text-field.js';
import type { Finding } from '../scan/types.js';
import { Slicer } from '../slicer.js';
import { escapeInput } from '../vault/placeholder.js';
import type { ScanUnit } from './scan-request.js';

export type MintForKind = (kind: string, value: string) => string;

export interface RedactedText {
  text: string;
  /** Findings replaced by a placeholder. */
  count: number;
}

/**
 * Replace each finding with the placeholder `mint` gives for its value, and escape placeholder-shaped
 * text in the gaps between findings so it can never be taken for ours. Call it on every scanned
 * string, findings or not: the escape is what keeps client text out of restoration.
 *
 * `findings` must be sorted and non-overlapping (the scanner's contract); anything else throws,
 * because a malformed span would forward part of a value in clear.
 */
export function redactText(text: string, findings: readonly Finding[], mint: MintForKind): RedactedText {
  const r = new TextRedactor(text, findings, mint);
  r.step(findings.length);
  return r.result();
}

/**
 * `redactText` in steps, so a caller can give the event loop a turn between them: one string may
 * hold a hundred thousand findings, each costing a keyed hash.
 */
class TextRedactor {
  readonly #text: string;
  readonly #findings: readonly Finding[];
  readonly #mint: MintForKind;
  #out = '';
  #pos = 0;
  #next = 0;

  constructor(text: string, findings: readonly Finding[], mint: MintForKind) {
    this.#text = text;
    this.#findings = findings;
    this.#mint = mint;
  }

  get done(): boolean {
    return this.#next >= this.#findings.length;
  }

  /** Replaces up to `n` more findings. */
  step(n: number): void {
    const text = this.#text;
    const end = Math.min(this.#findings.length, this.#next + n);
    for (; this.#next < end; this.#next++) {
      const f = this.#findings[this.#next]!;
      if (!(f.start >= this.#pos && f.end > f.start && f.end <= text.length)) {
        throw new RangeError(`finding ${f.detector} [${f.start}, ${f.end}) is out of order or out of range`);
      }
      this.#out += escapeInput(text.slice(this.#pos, f.start));
      // A name linked to its full form (scan/names/link.ts) carries that form as `value`: one placeholder for both.
      this.#out += this.#mint(f.kind, f.value ?? text.slice(f.start, f.end));
      this.#pos = f.end;
    }
  }

  /** The rewritten text; call once `done`. */
  result(): RedactedText {
    if (this.#findings.length === 0) return { text: escapeInput(this.#text), count: 0 };
    return { text: this.#out + escapeInput(this.#text.slice(this.#pos)), count: this.#findings.length };
  }
}

export interface RedactionResult {
  /** Whether any string of the body changed (a placeholder, or escaped placeholder-shaped input). */
  changed: boolean;
  /** Findings replaced by placeholders. */
  redacted: number;
}

/** Findings minted between two looks at the clock. */
const STEP = 256;

/**
 * Writes placeholders into the parsed body for the findings the policy chose to redact, escaping
 * placeholder-shaped client text everywhere, and re-serialises opened tool-call arguments. Every
 * unit goes through the redactor, findings or not: the escape is part of the rewrite. Works in
 * slices (see Slicer), so a request with many findings leaves the event loop to everyone else.
 */
export function applyRedactions(
  units: readonly ScanUnit[],
  toRedact: readonly (readonly Finding[])[],
  mint: MintForKind,
  slicer = new Slicer(),
): RedactionResult | Promise<RedactionResult> {
  // Most requests: nothing to redact in a few strings, only the escape: done now, with no promise.
  if (units.length <= SYNC_ESCAPE_UNITS && toRedact.every((f) => f.length === 0)) return escapeOnly(units);
  return redactInSlices(units, toRedact, mint, slicer);
}

/** Units escaped at once when none has a finding; beyond this the escape, too, runs in slices. */
const SYNC_ESCAPE_UNITS = 256;

function escapeOnly(units: readonly ScanUnit[]): RedactionResult {
  let changed = false;
  for (const unit of units) if (writeBack(unit, escapeInput(unit.text))) changed = true;
  if (changed) writeGroups(units);
  return { changed, redacted: 0 };
}

/** Writes a unit's rewritten text into the body, marking its tool-call arguments changed; false when it is the same. */
function writeBack(unit: ScanUnit, text: string): boolean {
  if (text === unit.text) return false;
  writeField(unit.field, text);
  if (unit.group) unit.group.changed = true;
  return true;
}

/** Tool-call arguments whose values changed are serialised again, once each. */
function writeGroups(units: readonly ScanUnit[]): void {
  for (const unit of units) {
    const g = unit.group;
    if (g?.changed) {
      writeField(g.field, JSON.stringify(g.doc));
      g.changed = false;
    }
  }
}

async function redactInSlices(units: readonly ScanUnit[], toRedact: readonly (readonly Finding[])[], mint: MintForKind, slicer: Slicer): Promise<RedactionResult> {
  let changed = false;
  let redacted = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const findings = toRedact[i];
    let text: string;
    if (findings === undefined || findings.length === 0) {
      // Most strings of most requests: only the escape, with no redactor built for them.
      text = escapeInput(unit.text);
    } else {
      const redactor = new TextRedactor(unit.text, findings, mint);
      for (;;) {
        redactor.step(STEP);
        if (redactor.done) break;
        if (slicer.due()) await slicer.yield();
      }
      const r = redactor.result();
      redacted += r.count;
      text = r.text;
    }
    if (writeBack(unit, text)) changed = true;
    // Asked inline, not through maybeYield(): an async call per string costs a promise each.
    if (slicer.due()) await slicer.yield();
  }
  if (changed) writeGroups(units);
  return { changed, redacted };
}
