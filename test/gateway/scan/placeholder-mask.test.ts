import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_DETECTORS, compileScanner } from '../../../gateway/scan/index.js';
import { maskSpans, placeholderSpans, touchesSpan } from '../../../gateway/scan/placeholder-mask.js';
import { PLANTS } from './fixtures.js';

const KINDS = [...new Set([...BUILTIN_DETECTORS.map((d) => d.kind), ...PLANTS.map((p) => p.kind), 'SECRET', 'PASSWORD', 'CUSTOM', 'CODENAME'])];
const IDS = ['7KQ2M9XD', '00000000', 'ZZZZZZZZ', 'A1B2C3D4', 'HJKMNPQR'];

// Every context in which a detector might otherwise fire on the placeholder or around it.
const CONTEXTS = [
  (p: string) => p,
  (p: string) => `token = ${p}`,
  (p: string) => `"password": "${p}"`,
  (p: string) => `DB_PASSWORD=${p}`,
  (p: string) => `apiKey: '${p}'`,
  (p: string) => `postgres://app:${p}@db.internal/x`,
  (p: string) => `Server=x;Password=${p};`,
  (p: string) => `${p}@example.com`,
  (p: string) => `mail ${p} or call ${p}`,
  (p: string) => `\`${p}\` **${p}** [${p}](x)`,
  (p: string) => `aws_secret_access_key = ${p}`,
  (p: string) => `Authorization: Bearer ${p}`,
  (p: string) => `${p}${p}`,
  (p: string) => JSON.stringify({ text: `see ${p}` }),
];

test('placeholders: no detector reports a placeholder of any kind, in any context', () => {
  const scanner = compileScanner({ denyTerms: [{ pattern: 'PHONE', caseSensitive: true }] });
  for (const kind of KINDS) {
    for (const id of IDS) {
      const placeholder = `[[${kind}_${id}]]`;
      for (const context of CONTEXTS) {
        const text = context(placeholder);
        assert.deepEqual(scanner.scan(text), [], text);
      }
    }
  }
});

test('placeholders: real values next to placeholders are still found', () => {
  const found = compileScanner().scan('[[EMAIL_7KQ2M9XD]] and jane@example.com and [[IP_00000000]] 10.0.0.5');
  assert.deepEqual(found.map((f) => f.kind), ['EMAIL', 'IP']);
});

test('placeholders: only the exact minted shape is masked', () => {
  // Lowercase kinds, Crockford-excluded letters (I, L, O, U) and wrong lengths are not placeholders.
  for (const text of ['[[email_7KQ2M9XD]]', '[[EMAIL_7KQ2M9XU]]', '[[EMAIL_7KQ2M9X]]', '[[EMAIL_7KQ2M9XDD]]', '[EMAIL_7KQ2M9XD]', '[[_7KQ2M9XD]]']) {
    assert.deepEqual(placeholderSpans(text), [], text);
  }
  assert.deepEqual(placeholderSpans('a [[GITHUB_TOKEN_7KQ2M9XD]] b'), [2, 27]);
});

test('placeholders: masking keeps offsets and touchesSpan finds overlaps', () => {
  const text = 'x [[EMAIL_7KQ2M9XD]] y [[IP_00000000]]';
  const spans = placeholderSpans(text);
  const masked = maskSpans(text, spans);
  assert.equal(masked.length, text.length);
  assert.equal(masked, 'x ' + ' '.repeat(18) + ' y ' + ' '.repeat(15));
  assert.equal(touchesSpan(spans, 0, 2), false);
  assert.equal(touchesSpan(spans, 1, 3), true);
  assert.equal(touchesSpan(spans, 20, 23), false);
  assert.equal(touchesSpan(spans, 37, 40), true);
});
