import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OriginPolicy } from '../../../gateway/admin/origin.js';

describe('OriginPolicy', () => {
  const loopback = new OriginPolicy('127.0.0.1');

  it("accepts no Origin, and this listener's own loopback origins with its port", () => {
    assert.ok(loopback.allows({}, 18080));
    for (const origin of ['http://127.0.0.1:18080', 'http://localhost:18080', 'http://[::1]:18080', 'http://LocalHost:18080']) {
      assert.ok(loopback.allows({ origin }, 18080), origin);
    }
  });

  it('refuses other ports, schemes, hosts, opaque origins and unknown listeners', () => {
    for (const origin of ['http://127.0.0.1:18081', 'https://127.0.0.1:18080', 'http://127.0.0.1', 'http://localhost.example:18080', 'http://192.168.1.2:18080', 'null', '']) {
      assert.ok(!loopback.allows({ origin }, 18080), origin);
    }
    assert.ok(!loopback.allows({ origin: 'http://127.0.0.1:18080' }, undefined));
  });

  it('omits the default port the way browsers do', () => {
    assert.ok(loopback.allows({ origin: 'http://localhost' }, 80));
    assert.ok(!loopback.allows({ origin: 'http://localhost:80' }, 80));
  });

  it('also accepts a specifically bound address, but not for a wildcard bind', () => {
    assert.ok(new OriginPolicy('192.168.1.2').allows({ origin: 'http://192.168.1.2:18080' }, 18080));
    assert.ok(new OriginPolicy('fd00::2').allows({ origin: 'http://[fd00::2]:18080' }, 18080));
    assert.ok(!new OriginPolicy('0.0.0.0').allows({ origin: 'http://0.0.0.0:18080' }, 18080));
  });

  it('refuses cross-site and same-site Sec-Fetch-Site even without an Origin', () => {
    assert.ok(!loopback.allows({ 'sec-fetch-site': 'cross-site' }, 18080));
    assert.ok(!loopback.allows({ 'sec-fetch-site': 'same-site', origin: 'http://localhost:18080' }, 18080));
    assert.ok(loopback.allows({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:18080' }, 18080));
    assert.ok(loopback.allows({ 'sec-fetch-site': 'none' }, 18080));
  });
});
