import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayText, routeText, triggerText } from '../../electron/display-text.js';
import { pendingItem } from './fixtures.js';

test('control, bidi and zero-width characters become spaces; runs of space collapse', () => {
  assert.equal(displayText('a\u202Eb\u2066c\u200Bd\u0000e\r\nf\u2028g'), 'a b c d e f g');
  assert.equal(displayText('  spaced   out  '), 'spaced out');
});

test('long names are cut on a character boundary', () => {
  assert.equal(displayText('x'.repeat(50), 10), `${'x'.repeat(9)}…`);
  assert.equal(displayText('😀'.repeat(12), 10), `${'😀'.repeat(9)}…`);
  assert.equal(displayText('short', 10), 'short');
});

test('route and trigger texts', () => {
  assert.equal(routeText(pendingItem(1)), 'app-1 → openai (gpt-4o)');
  assert.equal(routeText(pendingItem(1, { clientApp: '\u200B', model: undefined })), 'unknown app → openai');
  assert.equal(triggerText(pendingItem(1, { stage: 'response', trigger: { category: 'shell-command' } })), 'shell-command in a response');
});
