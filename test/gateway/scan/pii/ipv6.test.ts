import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipv6 } from '../../../../gateway/scan/pii/ipv6.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['from 2001:db8::8a2e:370:7334 at', '2001:db8::8a2e:370:7334'],
  ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
  ['addr=2001:db8::1.', '2001:db8::1'],
  ['[2607:f8b0:4004:800::200e]:443', '2607:f8b0:4004:800::200e'],
  ['2001:db8:0:0:1::192.0.2.33', '2001:db8:0:0:1::192.0.2.33'],
  ['ULA FD12:3456:789A:1:0:0:0:1', 'FD12:3456:789A:1:0:0:0:1'],
];

const NEGATIVES = [
  '::1 and ::',
  'fe80::1ff:fe23:4567:890a and FE80::1 and febf:0:0:0:0:0:0:1',
  '12:34:56 and 2024-05-01T12:34:56Z',
  'mac 00:1a:2b:3c:4d:5e',
  'std::vector<int> a::b Foo::Bar::baz ab::cd',
  'dead:beef:cafe',
  '1:2:3:4:5:6:7:8:9',
  'x2001:db8::1 and 2001:db8::1g',
];

for (const [text, value] of POSITIVES) {
  test(`ipv6: finds ${value}`, () => assert.deepEqual(findWith(ipv6, text), [value]));
}

test('ipv6: loopback, link-local, times, MACs and C++/Rust paths are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(ipv6, text), [], text);
});
