import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { DETECTOR_PATTERNS } from '../../../gateway/scan/patterns.js';

const SCAN_DIR = join(import.meta.dirname, '../../../gateway/scan');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

function regexLiterals(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) out.push(node.getText(file));
    node.forEachChild(visit);
  };
  visit(file);
  return out;
}

test('patterns: every regex literal in gateway/scan is listed in DETECTOR_PATTERNS (so CI checks it)', () => {
  const listed = new Set(DETECTOR_PATTERNS.map((p) => `/${p.source}/${p.flags}`));
  const missing: string[] = [];
  for (const path of sources(SCAN_DIR)) {
    for (const literal of regexLiterals(path)) {
      const cut = literal.lastIndexOf('/');
      const re = new RegExp(literal.slice(1, cut), literal.slice(cut + 1)); // normalises escaping like V8
      if (!listed.has(`/${re.source}/${re.flags}`)) missing.push(`${path}: ${literal}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('patterns: every listed pattern compiles with its flags', () => {
  assert.ok(DETECTOR_PATTERNS.length > 20);
  for (const p of DETECTOR_PATTERNS) assert.doesNotThrow(() => new RegExp(p.source, p.flags), p.source);
});
