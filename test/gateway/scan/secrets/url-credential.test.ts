import assert from 'node:assert/strict';
import { test } from 'node:test';
import { urlCredential } from '../../../../gateway/scan/secrets/url-credential.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['DATABASE_URL=postgres://app:S3cr3t-Pa55@db.internal:5432/orders', 'S3cr3t-Pa55'],
  ['https://deploy:p%40ss%3Aword@registry.example.com/v2/', 'p%40ss%3Aword'],
  ['redis://:hunter2hunter2@cache:6379/0', 'hunter2hunter2'],
  ['mongodb+srv://admin:Pa55w0rd@cluster0.abc.mongodb.net/db?retryWrites=true', 'Pa55w0rd'],
  ['amqp://guest:p@ss@rabbit:5672', 'p@ss'],
  ['"url": "mysql://root:toor123@10.0.0.5/app"', 'toor123'],
];

const NEGATIVES = [
  'https://user@host.example.com/path',
  'http://localhost:8080/api?x=1',
  'postgres://user:${DB_PASSWORD}@host/db',
  'postgres://user:$DB_PASSWORD@host/db',
  'postgres://user:<password>@host/db',
  'postgres://user:****@host/db',
  'mysql://root:password@localhost/db',
  'https://example.com/?a=b:c@d',
  'https://example.com/path/user:pw@x',
  'ftp://user:secret@', // no host
];

for (const [text, value] of POSITIVES) {
  test(`url-credential: reports only the password in ${text.slice(0, 30)}…`, () => assert.deepEqual(findWith(urlCredential, text), [value]));
}

test('url-credential: URLs without a password, env refs, placeholders and masked values are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(urlCredential, text), [], text);
});
