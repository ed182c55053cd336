import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenFromHash } from '../../../renderer/lib/login-token.js';

describe('the login fragment', () => {
  it('reads #token=… and nothing else', () => {
    assert.equal(tokenFromHash('#token=abc_DEF-123'), 'abc_DEF-123');
    assert.equal(tokenFromHash('#token=abc&x=1'), 'abc');
    assert.equal(tokenFromHash('#/live'), undefined);
    assert.equal(tokenFromHash('#token='), undefined);
    assert.equal(tokenFromHash(''), undefined);
    assert.equal(tokenFromHash('token=abc'), undefined);
  });
});
