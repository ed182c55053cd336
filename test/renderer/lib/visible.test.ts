import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hasInvisible, visibleRuns } from '../../../renderer/lib/visible.js';

const labels = (text: string) => visibleRuns(text).filter((r) => r.kind === 'codepoint').map((r) => (r.kind === 'codepoint' ? r.label : ''));

describe('visibleRuns', () => {
  it('badges bidi controls, zero-width and tag characters, and the gateway’s named ones', () => {
    assert.deepEqual(labels('a\u202Eb\u200Bc\u2066d\uFEFF'), ['U+202E', 'U+200B', 'U+2066', 'U+FEFF']);
    assert.deepEqual(labels('x\u{E0041}y'), ['U+E0041']);
    assert.deepEqual(labels('lone \uD800 surrogate'), ['U+D800']);
    assert.deepEqual(labels('❤️ 👨‍👩‍👧'), ['U+200D', 'U+200D'], 'variation selectors pass; joiners are named');
    assert.deepEqual(labels('masked <U+202E>txt.exe'), ['U+202E']);
    assert.deepEqual(labels('bell\u0007 and del\u007F'), ['U+0007', 'U+007F']);
  });

  it('leaves ordinary text, tabs, newlines, emoji and accents alone', () => {
    const text = 'Grüße,\tMaría!\n日本語 👍🏽 <img src=x onerror=alert(1)>';
    assert.deepEqual(visibleRuns(text), [{ kind: 'text', text }]);
    assert.equal(hasInvisible(text), false);
  });

  it('keeps every character: the runs join back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        assert.equal(visibleRuns(text).map((r) => r.text).join(''), text);
      }),
    );
  });

  it('never leaves an invisible character inside a text run', () => {
    const invisible = fc.constantFrom('\u202E', '\u202D', '\u2067', '\u200B', '\u200D', '\u2060', '\uFEFF', '\u061C', '\u{E0020}');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), invisible)), (parts) => {
        for (const run of visibleRuns(parts.join(''))) if (run.kind === 'text') assert.equal(hasInvisible(run.text), false, JSON.stringify(run.text));
      }),
    );
  });
});
