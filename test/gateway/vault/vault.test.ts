import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeCode, formatPlaceholder, isPlaceholder, normalizeKind, type MintFn } from '../../../gateway/vault/placeholder.js';
import { Vault, type VaultOptions } from '../../../gateway/vault/vault.js';
import { MemoryPersistence } from './memory-persistence.js';

const hmacKey = Buffer.from('v'.repeat(32));

function setup(opts: Partial<VaultOptions> = {}) {
  const clock = { t: 1_000_000 };
  const persistence = new MemoryPersistence();
  persistence.now = () => clock.t;
  const vault = new Vault({ hmacKey, persistence, maxEntries: 100, ttlMs: 60_000, now: () => clock.t, ...opts });
  return { vault, persistence, clock };
}

test('a request with no findings does no persistence I/O', async () => {
  const { vault, persistence } = setup();
  const s = vault.session('a');
  await s.flush();
  assert.equal(s.lookup('[[EMAIL_ABCDEFGH]]'), undefined);
  assert.equal(persistence.puts + persistence.gets, 0);
});

test('new mappings are flushed in one put; known, durable ones need none', async () => {
  const { vault, persistence } = setup();
  const s = vault.session('a');
  const p1 = s.mint('EMAIL', 'alice@example.com');
  const p2 = s.mint('EMAIL', 'bob@example.com');
  assert.equal(s.mint('EMAIL', 'alice@example.com'), p1);
  assert.equal(s.pending, 2);
  await s.flush();
  assert.equal(persistence.puts, 1);
  assert.deepEqual([...persistence.rows.values()].map((r) => r.placeholder).sort(), [p1, p2].sort());
  const again = vault.session('a');
  assert.equal(again.mint('EMAIL', 'alice@example.com'), p1);
  await again.flush();
  assert.equal(persistence.puts, 1);
});

test('a failed put propagates, and the next request retries the mapping', async () => {
  const { vault, persistence } = setup();
  persistence.failing = true;
  const s = vault.session('a');
  const p = s.mint('SECRET', 'hunter2');
  await assert.rejects(s.flush(), /store unavailable/);
  persistence.failing = false;
  const next = vault.session('a');
  assert.equal(next.mint('SECRET', 'hunter2'), p);
  assert.equal(next.pending, 1);
  await next.flush();
  assert.equal(persistence.rows.size, 1);
});

test('a concurrent request reusing an undurable mapping persists it itself', async () => {
  const { vault, persistence } = setup();
  const a = vault.session('s');
  const b = vault.session('s');
  a.mint('EMAIL', 'x@y.z');
  b.mint('EMAIL', 'x@y.z');
  assert.equal(b.pending, 1);
  await Promise.all([a.flush(), b.flush()]);
  assert.ok(persistence.puts >= 1 && persistence.rows.size === 1);
});

test('after LRU eviction, resolve reads the mapping back from persistence', async () => {
  const { vault, persistence } = setup({ maxEntries: 2 });
  const s = vault.session('a');
  const first = s.mint('EMAIL', 'one@example.com');
  s.mint('EMAIL', 'two@example.com');
  s.mint('EMAIL', 'three@example.com');
  await s.flush();
  assert.equal(vault.size, 2);
  assert.equal(vault.lookup('a', first), undefined);
  // The session that minted it still sees it: its own response restores without I/O.
  assert.equal(s.lookup(first), 'one@example.com');
  await vault.resolve('a', [first, '[[EMAIL_ZZZZZZZZ]]', 'not a placeholder']);
  assert.equal(persistence.gets, 2);
  assert.equal(vault.lookup('a', first), 'one@example.com');
  assert.equal(vault.lookup('b', first), undefined);
  // Already in memory: no further reads.
  await vault.resolve('a', [first]);
  assert.equal(persistence.gets, 2);
});

test('mappings expire after the TTL, in memory and in the store', async () => {
  const { vault, clock } = setup();
  const s = vault.session('a');
  const p = s.mint('EMAIL', 'alice@example.com');
  await s.flush();
  clock.t += 59_999;
  assert.equal(vault.lookup('a', p), 'alice@example.com');
  clock.t += 2;
  assert.equal(vault.lookup('a', p), undefined);
  await vault.resolve('a', [p]);
  assert.equal(vault.lookup('a', p), undefined);
});

test('a mapping in use slides its TTL and is re-persisted at most once per half TTL', async () => {
  const { vault, persistence, clock } = setup();
  const p = vault.session('a').mint('EMAIL', 'alice@example.com');
  await (async () => {
    const s = vault.session('a');
    s.mint('EMAIL', 'alice@example.com');
    await s.flush();
  })();
  assert.equal(persistence.puts, 1);
  clock.t += 20_000;
  const early = vault.session('a');
  early.mint('EMAIL', 'alice@example.com');
  assert.equal(early.pending, 0);
  clock.t += 20_000;
  const late = vault.session('a');
  assert.equal(late.mint('EMAIL', 'alice@example.com'), p);
  await late.flush();
  assert.equal(persistence.puts, 2);
  clock.t += 50_000; // 90 s after minting, 50 s after the refresh
  assert.equal(vault.lookup('a', p), 'alice@example.com');
});

/** Every attempt-0 code is the same: each new value collides with the previous ones. */
const tinyMint: MintFn = (_key, _scope, kind, _value, attempt = 0) =>
  formatPlaceholder(normalizeKind(kind), encodeCode(Buffer.from([0, 0, 0, 0, attempt])));

test('colliding values get distinct placeholders, deterministically', async () => {
  const { vault } = setup({ mint: tinyMint });
  const s = vault.session('a');
  const pa = s.mint('EMAIL', 'a@x.io');
  const pb = s.mint('EMAIL', 'b@x.io');
  const pc = s.mint('EMAIL', 'c@x.io');
  assert.deepEqual([pa, pb, pc], ['[[EMAIL_00000000]]', '[[EMAIL_00000001]]', '[[EMAIL_00000002]]']);
  assert.equal(s.mint('EMAIL', 'b@x.io'), pb);
  assert.equal(vault.lookup('a', pa), 'a@x.io');
  assert.equal(vault.lookup('a', pb), 'b@x.io');
  // Another scope has its own space.
  assert.equal(vault.session('z').mint('EMAIL', 'b@x.io'), '[[EMAIL_00000000]]');
});

test('preload keeps collided placeholders stable across a restart', async () => {
  const first = setup({ mint: tinyMint });
  const s = first.vault.session('a');
  const pa = s.mint('EMAIL', 'a@x.io');
  const pb = s.mint('EMAIL', 'b@x.io');
  await s.flush();
  // A new process: empty memory, same store.
  const vault = new Vault({ hmacKey, persistence: first.persistence, maxEntries: 100, ttlMs: 60_000, now: () => first.clock.t, mint: tinyMint });
  await vault.preload('a', [{ kind: 'EMAIL', value: 'b@x.io' }]);
  const again = vault.session('a');
  assert.equal(again.mint('EMAIL', 'b@x.io'), pb);
  assert.equal(vault.lookup('a', pa), 'a@x.io');
  // The vault still knows pa, but this request did not show it: its session does not restore it.
  assert.equal(again.lookup(pa), undefined);
  assert.equal(again.pending, 0);
});

test('resolve and preload failures propagate', async () => {
  const { vault, persistence } = setup();
  persistence.failing = true;
  await assert.rejects(vault.resolve('a', ['[[EMAIL_ABCDEFGH]]']), /store unavailable/);
  await assert.rejects(vault.preload('a', [{ kind: 'EMAIL', value: 'x' }]), /store unavailable/);
});

test('odd kinds still mint parseable placeholders', () => {
  const { vault } = setup();
  const p = vault.session('a').mint('credit-card', '4111111111111111');
  assert.ok(isPlaceholder(p) && p.startsWith('[[CREDIT_CARD_'));
});
