import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventIdTime, newEventId } from '../../../gateway/audit/id.js';

test('ids are 26 Crockford base32 characters and encode their time', () => {
  const id = newEventId(1_700_000_000_123);
  assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(eventIdTime(id), 1_700_000_000_123);
});

test('ids strictly increase, within one millisecond and when the clock steps back', () => {
  const ids = [
    ...Array.from({ length: 1000 }, () => newEventId(1_800_000_000_000)),
    newEventId(1_800_000_000_001),
    newEventId(1_799_999_999_999),
  ];
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} < ${ids[i]}`);
});

test('ids from later milliseconds sort after earlier ones', () => {
  const a = newEventId(1_900_000_000_000);
  const b = newEventId(1_900_000_000_001);
  assert.ok(a < b);
});

test('within one millisecond each id is the previous one plus one, carrying across digits', () => {
  const value = (id: string) => [...id.slice(10)].reduce((n, c) => n * 32n + BigInt('0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(c)), 0n);
  const ids = Array.from({ length: 2000 }, () => newEventId(2_000_000_000_000));
  for (let i = 1; i < ids.length; i++) {
    assert.equal(ids[i].slice(0, 10), ids[0].slice(0, 10));
    assert.equal(value(ids[i]) - value(ids[i - 1]), 1n, `${ids[i - 1]} + 1 = ${ids[i]}`);
  }
  // The next millisecond draws a fresh random part under the new time.
  const next = newEventId(2_000_000_000_001);
  assert.equal(eventIdTime(next), 2_000_000_000_001);
  assert.match(next, /^[0-9A-HJKMNP-TV-Z]{26}$/);
});
