import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBaseUrl, checkDenyTerm, checkInt, checkLabel, checkProviderKey } from '../../../renderer/lib/validate.js';

describe('client-side checks (the server checks again)', () => {
  it('labels: required, at most 100 characters, no control characters', () => {
    assert.equal(checkLabel('laptop'), undefined);
    assert.equal(checkLabel('  '), 'Required');
    assert.match(checkLabel('x'.repeat(101)) ?? '', /100/);
    assert.match(checkLabel('a\u0007b') ?? '', /control/);
  });

  it('base URLs as the config schema takes them', () => {
    for (const ok of ['https://api.openai.com', 'http://127.0.0.1:8080/v1/prefix', 'http://[::1]:1']) assert.equal(checkBaseUrl(ok), undefined, ok);
    for (const bad of ['', 'ftp://x', 'https://x?y=1', 'https://x/#f', 'api.openai.com', 'https:// x']) assert.ok(checkBaseUrl(bad), bad);
  });

  it('provider keys: printable ASCII without spaces', () => {
    assert.equal(checkProviderKey('sk-abc_123'), undefined);
    assert.ok(checkProviderKey(''));
    assert.ok(checkProviderKey('sk abc'));
    assert.ok(checkProviderKey('sk-ä'));
  });

  it('integers within the schema’s range', () => {
    assert.equal(checkInt('64', 4, 1024), undefined);
    assert.ok(checkInt('3', 4, 1024));
    assert.ok(checkInt('1.5', 1, 9));
    assert.ok(checkInt('', 1, 9));
    assert.ok(checkInt('12abc', 1, 99));
  });

  it('deny terms: a regex must compile and must not match empty text; kinds follow the placeholder grammar', () => {
    assert.deepEqual(checkDenyTerm({ pattern: 'Project (Bluebird' }), {}, 'a literal is not a regex');
    assert.match(checkDenyTerm({ pattern: 'Project (Bluebird', regex: true }).pattern ?? '', /valid regular expression/);
    assert.match(checkDenyTerm({ pattern: 'a*', regex: true }).pattern ?? '', /empty/);
    assert.deepEqual(checkDenyTerm({ pattern: '\\bPRJ-\\d{4}\\b', regex: true, kind: 'PROJECT_ID' }), {});
    assert.match(checkDenyTerm({ pattern: 'x', kind: 'lower' }).kind ?? '', /Capital/);
    assert.equal(checkDenyTerm({ pattern: '' }).pattern, 'Required');
  });
});
