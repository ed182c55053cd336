// Restoration scope as a property: whatever placeholder-shaped text an upstream sends, however it is
// split into deltas, only the placeholders this exchange showed come back as values. Every other
// token — minted for an earlier request of the same scope, or arbitrary — comes back marked, and a
// client sending the result back can never make one of them live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { restoreText } from '../../../../gateway/response/restore/restore-text.js';
import { TextRestorer } from '../../../../gateway/response/restore/text-restorer.js';
import { CROCKFORD, escapeInput, findPlaceholders, formatPlaceholder } from '../../../../gateway/vault/placeholder.js';
import { Vault } from '../../../../gateway/vault/vault.js';
import { MemoryPersistence } from '../../vault/memory-persistence.js';
import { splitArb } from './stream-fixtures.js';

const vault = new Vault({ hmacKey: Buffer.from('s'.repeat(32)), persistence: new MemoryPersistence(), maxEntries: 1000, ttlMs: 3_600_000 });
// Earlier requests of the same scope minted these; the vault still holds every one of them.
const earlier = vault.session('app');
const old = Array.from({ length: 6 }, (_, i) => ({ value: `old-secret-${i}-qz`, p: earlier.mint('SECRET', `old-secret-${i}-qz`) }));
// This request shows two new values and re-sends one old value in its history.
const now = vault.session('app');
const shown = [
  ...['new-secret-a-qz', 'new-secret-b-qz'].map((value) => ({ value, p: now.mint('SECRET', value) })),
  { value: old[0]!.value, p: now.mint('SECRET', old[0]!.value) },
];
const notShown = old.slice(1);
const everything = (p: string) => vault.lookup('app', p);

type Piece = { kind: 'shown' | 'old' | 'random'; token: string; value?: string } | { kind: 'text'; text: string };

const KIND = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,31}$/);
const CODE = fc.array(fc.constantFrom(...CROCKFORD), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));
const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.constantFrom(...shown).map((s): Piece => ({ kind: 'shown', token: s.p, value: s.value })),
  fc.constantFrom(...notShown).map((s): Piece => ({ kind: 'old', token: s.p })),
  fc.tuple(KIND, CODE).map(([k, c]): Piece => ({ kind: 'random', token: formatPlaceholder(k, c) })),
  // Text that cannot join a neighbouring token into another one.
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '_', ' ', '"', '\n', 'é', '[', ']'), maxLength: 6 })
    .filter((t) => !t.includes('[[') && !t.startsWith('[') && !t.endsWith('[') && !t.startsWith(']') && !t.endsWith(']'))
    .map((text): Piece => ({ kind: 'text', text })),
);

const wire = (pieces: readonly Piece[]) => pieces.map((x) => (x.kind === 'text' ? x.text : x.token)).join('');
const expected = (pieces: readonly Piece[]) =>
  pieces.map((x) => (x.kind === 'text' ? x.text : x.kind === 'shown' ? x.value : `[[~${x.token.slice(2)}`)).join('');

test('only shown placeholders are restored; every other token comes back marked, whatever the split', () => {
  const arb = fc.array(piece, { maxLength: 12 }).chain((pieces) => fc.tuple(fc.constant(pieces), splitArb(wire(pieces))));
  fc.assert(
    fc.property(arb, ([pieces, split]) => {
      const want = expected(pieces);
      assert.equal(restoreText(wire(pieces), now.lookup), want);
      const r = new TextRestorer(now.lookup);
      assert.equal(split.map((s) => r.push(s)).join('') + r.flush(), want);
      for (const o of notShown) assert.ok(!want.includes(o.value));
    }),
    { numRuns: 300 },
  );
});

test('what the client got, sent back, carries no live placeholder, even to a lookup that knows the whole scope', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const got = restoreText(wire(pieces), now.lookup);
      const upstream = escapeInput(got);
      assert.deepEqual(findPlaceholders(upstream), []);
      // A model echoing it back: restoring with every mapping of the scope gives the client its own text.
      assert.equal(restoreText(upstream, everything), got);
    }),
    { numRuns: 300 },
  );
});
