// Which Host names a listener accepts (DNS-rebinding defence) and which headers mark a browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostPolicy, isBrowserRequest } from '../../../gateway/boundary/host.js';

describe('HostPolicy', () => {
  const loopback = new HostPolicy('127.0.0.1');

  it('accepts the loopback names with the listening port, in any case', () => {
    for (const host of ['127.0.0.1:18080', 'localhost:18080', '[::1]:18080', 'LOCALHOST:18080', 'LocalHost:18080']) {
      assert.equal(loopback.allows(host, 18080), true, host);
    }
  });

  it('refuses foreign names, look-alikes, other ports, missing ports and a missing Host', () => {
    const refused = [
      'evil.com:18080', 'localhost.evil.com:18080', '127.0.0.1.nip.io:18080', 'localhost:18081', '127.0.0.1:8080',
      'localhost', '127.0.0.1', '[::1]', '0.0.0.0:18080', '127.0.0.2:18080', 'localhost:18080.evil.com',
      'user@localhost:18080', 'localhost:018080', ' localhost:18080', 'localhost.:18080', '::1:18080', '',
    ];
    for (const host of refused) assert.equal(loopback.allows(host, 18080), false, JSON.stringify(host));
    assert.equal(loopback.allows(undefined, 18080), false);
    assert.equal(loopback.allows('localhost:18080', undefined), false);
  });

  it('answers per listening port (one policy may serve several listeners)', () => {
    assert.equal(loopback.allows('localhost:1234', 1234), true);
    assert.equal(loopback.allows('localhost:1234', 5678), false);
    assert.equal(loopback.allows('localhost:5678', 5678), true);
  });

  it('on port 80 the bare names are accepted too', () => {
    assert.equal(loopback.allows('localhost', 80), true);
    assert.equal(loopback.allows('127.0.0.1:80', 80), true);
    assert.equal(loopback.allows('evil.com', 80), false);
  });

  it('a named bind host is accepted besides the loopback names; wildcard binds add nothing', () => {
    const named = new HostPolicy('gateway.internal');
    assert.equal(named.allows('gateway.internal:9000', 9000), true);
    assert.equal(named.allows('localhost:9000', 9000), true);
    const v6 = new HostPolicy('::1');
    assert.equal(v6.allows('[::1]:9000', 9000), true);
    for (const wildcard of ['0.0.0.0', '::']) {
      const p = new HostPolicy(wildcard);
      assert.equal(p.allows('0.0.0.0:9000', 9000), false);
      assert.equal(p.allows('[::]:9000', 9000), false);
      assert.equal(p.allows('127.0.0.1:9000', 9000), true);
    }
  });
});

describe('isBrowserRequest', () => {
  it('Origin or Sec-Fetch-Site means a browser', () => {
    assert.equal(isBrowserRequest({ origin: 'https://evil.example' }), true);
    assert.equal(isBrowserRequest({ origin: 'null' }), true);
    assert.equal(isBrowserRequest({ 'sec-fetch-site': 'same-origin' }), true);
    assert.equal(isBrowserRequest({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'cors' }), true);
  });

  it('Sec-Fetch-Mode other than cors means a browser', () => {
    for (const mode of ['navigate', 'no-cors', 'same-origin', 'websocket']) assert.equal(isBrowserRequest({ 'sec-fetch-mode': mode }), true, mode);
  });

  it('Node fetch\'s lone sec-fetch-mode: cors, and plain tools, are not browsers', () => {
    assert.equal(isBrowserRequest({ 'sec-fetch-mode': 'cors', 'user-agent': 'node' }), false);
    assert.equal(isBrowserRequest({ authorization: 'Bearer x', 'user-agent': 'curl/8' }), false);
    assert.equal(isBrowserRequest({}), false);
  });
});
