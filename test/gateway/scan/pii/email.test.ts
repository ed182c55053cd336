import assert from 'node:assert/strict';
import { test } from 'node:test';
import { email } from '../../../../gateway/scan/pii/email.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['Contact jane.doe@example.com for access', 'jane.doe@example.com'],
  ['Author: Max Mustermann <max.mustermann@firma.de>', 'max.mustermann@firma.de'],
  ['mailto:support+billing@shop.co.uk?subject=x', 'support+billing@shop.co.uk'],
  ['"email": "o_connor-99@mail.example.org",', 'o_connor-99@mail.example.org'],
  ['Send it to ops@sub.domain.example.travel.', 'ops@sub.domain.example.travel'],
  ['cc: A.B.C@EXAMPLE.COM', 'A.B.C@EXAMPLE.COM'],
];

// `user@localhost` and other dotless domains are not reported: they are local accounts, not
// someone's address, and flagging them would redact every `root@localhost` in logs.
const NEGATIVES = [
  'import { Component } from "@angular/core"; @Component({ selector: "x" })',
  'npm i @types/node@20.19.43 lodash@4.17.21',
  'user@localhost and root@127.0.0.1 and admin@server',
  'git@github.com:acme/repo.git',
  'srcset="icon@2x.png 2x, logo@3x.webp 3x"',
  '@media (max-width: 600px) { a { color: #fff } }',
  'decorators: @Injectable() @Input() name',
  'a@b, @@, x@.com, x@com., .x@example.com, x.@example.com, a..b@example.com',
  'x@-example.com and y@example-.com',
  '@' + 'a'.repeat(300) + '.com',
];

for (const [text, value] of POSITIVES) {
  test(`email: finds ${value}`, () => assert.deepEqual(findWith(email, text), [value]));
}

test('email: hard negatives are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(email, text), [], text);
});

test('email: a local part longer than 64 chars is not an address', () => {
  assert.deepEqual(findWith(email, 'a'.repeat(65) + '@example.com'), []);
  assert.deepEqual(findWith(email, 'a'.repeat(64) + '@example.com'), ['a'.repeat(64) + '@example.com']);
});
