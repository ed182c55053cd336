import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiErrorFrom, fieldOf, problemOf } from '../../../renderer/lib/api-error.js';

describe('admin error messages', () => {
  it('names the field in dot form, whatever part of the request it was in', () => {
    assert.equal(fieldOf("Invalid admin request: body field 'name': Expected string length greater or equal to 1"), 'name');
    assert.equal(fieldOf("Invalid configuration: invalid config field 'limits.bodyBytes': Expected integer to be less or equal to 1073741824"), 'limits.bodyBytes');
    assert.equal(fieldOf("invalid config field 'scan.denyTerms.0.pattern': Expected string length"), 'scan.denyTerms.0.pattern');
    assert.equal(fieldOf("body field 'match/detector': too long"), 'match.detector');
    assert.equal(fieldOf("field 'remember.until': must be in the future"), 'remember.until');
  });

  it('points a scanner error about one deny term at that term', () => {
    const msg = "Invalid configuration: invalid config field 'scan': denyTerms[2]: regex rejected as potentially slow (ReDoS): nested quantifier";
    assert.equal(fieldOf(msg), 'scan.denyTerms.2');
    assert.equal(problemOf(msg), 'regex rejected as potentially slow (ReDoS): nested quantifier');
  });

  it('has no field for whole-request errors', () => {
    assert.equal(fieldOf("body field '(root)': Expected object"), undefined);
    assert.equal(fieldOf('the login link was already used'), undefined);
  });

  it('keeps status and code from the body, and survives a body that is not JSON', () => {
    const e = apiErrorFrom(400, JSON.stringify({ error: { message: "query field 'window': expected one of 60, 900", type: 'invalid_request_error', param: null, code: 'GW_ERR_ADMIN_BAD_REQUEST' } }));
    assert.deepEqual([e.status, e.code, e.field], [400, 'GW_ERR_ADMIN_BAD_REQUEST', 'window']);
    const raw = apiErrorFrom(502, '<html>bad gateway</html>');
    assert.deepEqual([raw.status, raw.code, raw.message, raw.field], [502, 'HTTP_502', 'HTTP 502', undefined]);
  });
});
