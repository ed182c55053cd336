import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionString } from '../../../../gateway/scan/secrets/connection-string.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['Server=tcp:db.example.com,1433;Database=app;User ID=sa;Password=Str0ng!Pass;Encrypt=True;', 'Str0ng!Pass'],
  ['Data Source=db;Initial Catalog=x;User Id=u;Pwd=abc123xyz', 'abc123xyz'],
  ['Driver={ODBC Driver 18};Server=x;UID=u;PWD={a;b}}c};', 'a;b}}c'],
  ["Host=x;Username=u;Password='p;w d';", 'p;w d'],
  ['password = Hunter2!x; server=db', 'Hunter2!x'],
];

const NEGATIVES = [
  'password=Tr0ub4dor3', // no ';': a plain assignment, left to generic-secret with its entropy check
  'Server=x;Password=;',
  'Server=x;Password=${DB_PASS};',
  'Server=x;Password=<password>;',
  'if (password == other;',
  'Server=x;Password={unterminated',
];

for (const [text, value] of POSITIVES) {
  test(`connection-string: reports only the password in ${text.slice(0, 30)}…`, () => assert.deepEqual(findWith(connectionString, text), [value]));
}

test('connection-string: plain assignments, empty, templated and unterminated values are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(connectionString, text), [], text);
});
