import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_DETECTORS, ScanConfigError, ScanLimitError, compileScanner } from '../../../gateway/scan/index.js';
import { SECRETS, scanValues } from './fixtures.js';

test('scanner: every built-in detector has a unique id, a category and a placeholder-safe kind', () => {
  const ids = BUILTIN_DETECTORS.map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const d of BUILTIN_DETECTORS) {
    assert.match(d.kind, /^[A-Z][A-Z0-9_]*$/);
    assert.ok(['pii', 'secret', 'name'].includes(d.category), d.id);
  }
});

test('scanner: findings carry detector, category, kind and exact UTF-16 offsets', () => {
  const text = '😀 mail jane@example.com, key AKIAIOSFODNN7EXAMPLE';
  const found = compileScanner().scan(text);
  assert.deepEqual(found, [
    { detector: 'email', category: 'pii', kind: 'EMAIL', start: 8, end: 24 },
    { detector: 'aws-access-key', category: 'secret', kind: 'AWS_KEY', start: 30, end: 50 },
  ]);
  assert.equal(text.slice(8, 24), 'jane@example.com');
});

test('scanner: an overlap goes to the secret; a specific secret beats a generic one', () => {
  // The URL password also looks like the local part of an email ("pw1@db.example.com").
  assert.deepEqual(scanValues('postgres://app:pw1@db.example.com/x'), [{ detector: 'url-credential', kind: 'PASSWORD', value: 'pw1' }]);
  // generic-secret and openai-key report the same span; the vendor-specific kind wins.
  assert.deepEqual(scanValues(`OPENAI_API_KEY=${SECRETS.openai}`), [{ detector: 'openai-key', kind: 'OPENAI_KEY', value: SECRETS.openai }]);
  assert.deepEqual(scanValues(`aws_secret_access_key = ${SECRETS.awsSecret}`), [
    { detector: 'aws-secret-key', kind: 'AWS_SECRET', value: SECRETS.awsSecret },
  ]);
});

test('scanner: a custom term outranks overlapping PII, and never both are reported', () => {
  const found = compileScanner({ denyTerms: [{ pattern: '1111 1111', kind: 'CUSTOM' }] }).scan('card 4111 1111 1111 1111');
  assert.deepEqual(found.map((f) => f.detector), ['custom:0']);
  const plain = compileScanner().scan('card 4111 1111 1111 1111');
  assert.deepEqual(plain.map((f) => f.detector), ['card']);
});

test('scanner: disabled detectors and ip:false', () => {
  const text = 'jane@example.com from 10.0.0.5 and 2001:db8::1';
  assert.deepEqual(scanValues(text).map((f) => f.detector), ['email', 'ipv4', 'ipv6']);
  assert.deepEqual(scanValues(text, { ip: false }).map((f) => f.detector), ['email']);
  assert.deepEqual(scanValues(text, { disabled: ['email', 'ipv6'] }).map((f) => f.detector), ['ipv4']);
  assert.throws(() => compileScanner({ disabled: ['emial'] }), (e: unknown) => e instanceof ScanConfigError && /emial/.test(e.message));
});

test('scanner: allowlisted values are never reported, other values still are', () => {
  const text = 'ops@example.com and jane@example.com';
  assert.deepEqual(scanValues(text, { allowlist: ['ops@example.com'] }).map((f) => f.value), ['jane@example.com']);
  // Exact values only: a substring or case variant is not allowlisted.
  assert.equal(scanValues(text, { allowlist: ['OPS@example.com', 'example.com'] }).length, 2);
});

test('scanner: deny terms come after built-ins with ids custom:<n>', () => {
  const found = scanValues('Project Falcon ships to jane@example.com', { denyTerms: [{ pattern: 'project falcon', kind: 'CODENAME' }] });
  assert.deepEqual(found, [
    { detector: 'custom:0', kind: 'CODENAME', value: 'Project Falcon' },
    { detector: 'email', kind: 'EMAIL', value: 'jane@example.com' },
  ]);
});

test('scanner: text over maxScanChars throws ScanLimitError so the caller fails closed', () => {
  const scanner = compileScanner({ maxScanChars: 10 });
  assert.deepEqual(scanner.scan('0123456789'), []);
  assert.throws(() => scanner.scan('0123456789a'), (e: unknown) => e instanceof ScanLimitError && e.length === 11 && e.limit === 10);
  assert.throws(() => compileScanner({ maxScanChars: 0 }), ScanConfigError);
});

test('scanner: empty and tiny strings are fine', () => {
  const scanner = compileScanner({ denyTerms: [{ pattern: 'x' }] });
  assert.deepEqual(scanner.scan(''), []);
  assert.deepEqual(scanner.scan('x').map((f) => f.detector), ['custom:0']);
});

test('scanner: short strings skip detectors by feature but still find everything', () => {
  // Under the feature-scan threshold and over it, the same findings.
  const values = ['jane@example.com', '+44 20 7946 0958', SECRETS.github, '10.0.0.5', 'DB_PASSWORD=Tr0ub4dor&3'];
  for (const v of values) {
    const short = scanValues(` ${v} `);
    const long = scanValues(` ${v} ${'.'.repeat(600)}`);
    assert.equal(short.length, 1, v);
    assert.deepEqual(short, long);
  }
});
