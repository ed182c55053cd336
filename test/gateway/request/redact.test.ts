import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { restoreText } from '../../../gateway/response/restore/restore-text.js';
import type { Finding } from '../../../gateway/scan/types.js';
import { redactText } from '../../../gateway/request/redact.js';
import { Vault } from '../../../gateway/vault/vault.js';
import { MemoryPersistence } from '../vault/memory-persistence.js';

const newVault = () =>
  new Vault({ hmacKey: Buffer.from('k'.repeat(32)), persistence: new MemoryPersistence(), maxEntries: 10_000, ttlMs: 3_600_000 });

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
const secretArb = fc.oneof(
  fc.constantFrom('alice@example.com', 'AKIAIOSFODNN7EXAMPLE', PEM, 'pa"ss\\word\n', '张伟@例子.中国', '😀 [[EMAIL_ABCDEFGH]]'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);
const kindArb = fc.constantFrom('EMAIL', 'AWS_KEY', 'PRIVATE_KEY', 'PASSWORD', 'custom');
const gapArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom('[[EMAIL_ABCDEFGH]]', '[[~PHONE_00000000]]', '[', ']]', '[['),
);

/** Text with planted values at known offsets, as the scanner would report them. */
const planted = fc.array(fc.tuple(gapArb, kindArb, secretArb), { maxLength: 6 }).chain((pieces) =>
  gapArb.map((tail) => {
    let text = '';
    const findings: Finding[] = [];
    for (const [gap, kind, value] of pieces) {
      text += gap;
      findings.push({ detector: 'test', category: 'secret', kind, start: text.length, end: text.length + value.length });
      text += value;
    }
    return { text: text + tail, findings, values: pieces.map((p) => p[2]) };
  }),
);

test('restore(redact(x)) === x, and no planted value is forwarded', () => {
  fc.assert(
    fc.property(planted, ({ text, findings, values }) => {
      const session = newVault().session('client-a');
      const redacted = redactText(text, findings, session.mint);
      assert.equal(redacted.count, findings.length);
      assert.equal(restoreText(redacted.text, session.lookup), text);
      for (const v of values) if (v.length >= 8 && !text.replace(v, '').includes(v)) assert.ok(!redacted.text.includes(v));
    }),
    { numRuns: 1000 },
  );
});

test('another scope does not restore our placeholders', () => {
  const vault = newVault();
  const a = vault.session('client-a');
  const text = 'mail alice@example.com now';
  const { text: redacted } = redactText(text, [{ detector: 'email', category: 'pii', kind: 'EMAIL', start: 5, end: 22 }], a.mint);
  assert.equal(restoreText(redacted, a.lookup), text);
  // Not shown in client-b's exchange: marked with one `~`, never restored.
  assert.equal(restoreText(redacted, vault.session('client-b').lookup), redacted.replace('[[', '[[~'));
});

test('the same value in the same scope gets the same placeholder across requests', () => {
  const vault = newVault();
  const f: Finding[] = [{ detector: 'email', category: 'pii', kind: 'EMAIL', start: 0, end: 17 }];
  const one = redactText('alice@example.com', f, vault.session('s').mint).text;
  const two = redactText('alice@example.com', f, vault.session('s').mint).text;
  assert.equal(one, two);
  assert.notEqual(redactText('alice@example.com', f, vault.session('t').mint).text, one);
});

test('no findings: placeholder-shaped input is escaped, plain input returned as is', () => {
  const plain = 'nothing to see';
  const mint = () => assert.fail('mint must not be called');
  assert.equal(redactText(plain, [], mint).text, plain);
  assert.deepEqual(redactText('x [[EMAIL_ABCDEFGH]]', [], mint), { text: 'x [[~EMAIL_ABCDEFGH]]', count: 0 });
});

test('malformed findings throw rather than forward part of a value', () => {
  const mint = () => '[[X_00000000]]';
  const f = (start: number, end: number): Finding => ({ detector: 'd', category: 'pii', kind: 'X', start, end });
  assert.throws(() => redactText('abcdef', [f(2, 4), f(3, 5)], mint), RangeError);
  assert.throws(() => redactText('abcdef', [f(4, 5), f(1, 2)], mint), RangeError);
  assert.throws(() => redactText('abc', [f(1, 9)], mint), RangeError);
  assert.throws(() => redactText('abc', [f(1, 1)], mint), RangeError);
});
