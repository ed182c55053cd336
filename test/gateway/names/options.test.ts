// The name detectors' switches and lists, at the scanner and config level: opt-in, an unknown id
// refused, the names allowlist (any case), prose only, and linking a surname to the full name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../gateway/config/load.js';
import { scanOptionsOf, validateScanConfig } from '../../../gateway/request/scan-engine.js';
import { compileScanner, scanTexts, ScanConfigError } from '../../../gateway/scan/index.js';

const ALL = ['person', 'location', 'organization'];
const TEXT = 'Maria Kowalczyk from Globex Corp flew to Berlin.';
const kinds = (text: string, opts = {}) => compileScanner({ enabled: ALL, ...opts }).scan(text, true).map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);

test('off by default, even for prose; on per detector', () => {
  assert.deepEqual(compileScanner().scan(TEXT, true), []);
  assert.deepEqual(kinds(TEXT), ['PERSON:Maria Kowalczyk', 'ORGANIZATION:Globex Corp', 'LOCATION:Berlin']);
  const personOnly = compileScanner({ enabled: ['person'] }).scan(TEXT, true);
  assert.deepEqual(personOnly.map((f) => f.detector), ['person']);
  assert.deepEqual(compileScanner({ enabled: ALL, disabled: ['location'] }).scan(TEXT, true).map((f) => f.detector), ['person', 'organization']);
});

test('only prose: the same text scanned as a non-prose field finds no names', () => {
  assert.deepEqual(compileScanner({ enabled: ALL }).scan(TEXT), []);
});

test('enabled names only opt-in detectors; anything else is a configuration error', () => {
  assert.throws(() => compileScanner({ enabled: ['email'] }), ScanConfigError);
  assert.throws(() => resolveConfig({ scan: { enabled: ['email'] } }));
  const config = resolveConfig({ scan: { enabled: ['person'], namesAllowlist: ['Acme'] } });
  validateScanConfig(config);
  assert.deepEqual(scanOptionsOf(config).enabled, ['person']);
  assert.deepEqual(resolveConfig({}).scan.enabled, [], 'off by default');
});

test('the names allowlist drops whole names, without regard to case', () => {
  assert.deepEqual(kinds(TEXT, { namesAllowlist: ['globex corp', 'BERLIN'] }), ['PERSON:Maria Kowalczyk']);
  assert.deepEqual(kinds(TEXT, { namesAllowlist: ['Globex'] }).length, 3, 'a part of a name is not the name');
});

test('code blocks, paths and identifiers are not prose', () => {
  const text = ['Notes:', '```', 'Maria Kowalczyk', '```', '    Maria Kowalczyk', 'see src/Berlin/Maria.ts and MariaKowalczyk and maria_kowalczyk'].join('\n');
  assert.deepEqual(kinds(text), []);
});

test('linking: possessive and surname alone take the full name; a surname shared by two people is left alone', () => {
  const scanner = compileScanner({ enabled: ALL });
  const texts = ['Maria Kowalczyk opened it.', "Kowalczyk said Maria's fix works."];
  const [first, second] = scanTexts(scanner, texts, [true, true]);
  assert.equal(first![0]!.value, undefined);
  assert.deepEqual(second!.map((f) => [texts[1]!.slice(f.start, f.end), f.value]), [['Kowalczyk', 'Maria Kowalczyk'], ['Maria', 'Maria Kowalczyk']]);

  const shared = ['Maria Kowalczyk and Anna Kowalczyk joined.', 'Kowalczyk said hi.'];
  const [, alone] = scanTexts(scanner, shared, [true, true]);
  assert.deepEqual(alone, []);
  const notProse = scanTexts(scanner, texts, [true, false]);
  assert.deepEqual(notProse[1], [], 'no linking into text that is not prose');
});
