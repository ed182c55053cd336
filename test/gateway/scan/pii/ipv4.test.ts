import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipv4 } from '../../../../gateway/scan/pii/ipv4.js';
import { findWith } from '../fixtures.js';

const POSITIVES: [string, string][] = [
  ['client 203.0.113.42 connected', '203.0.113.42'],
  ['10.0.0.5', '10.0.0.5'],
  ['listen 192.168.1.20:8080', '192.168.1.20'],
  ['http://172.16.254.1/health', '172.16.254.1'],
  ['dns 8.8.8.8.', '8.8.8.8'],
  ['"ip":"54.239.28.85"', '54.239.28.85'],
  ['::ffff:192.0.2.128', '192.0.2.128'],
  ['cidr 10.20.0.0/16', '10.20.0.0'],
];

// Versions written as four numbers (1.2.3.4) are indistinguishable from addresses and are reported;
// a `v` prefix or a fifth part keeps them out.
const NEGATIVES = [
  '127.0.0.1 and 127.1.2.3',
  '0.0.0.0:3000',
  '169.254.169.254',
  '255.255.255.0 and 255.255.255.255',
  '1.2.3 and 1.2.3.4.5 and 1.3.6.1.4.1.311',
  '256.1.1.1 and 1.2.3.999',
  '01.02.03.04',
  'v1.2.3.4 and app1.2.3.4 and 1.2.3.4a',
  'version 10.0.19041.1',
];

for (const [text, value] of POSITIVES) {
  test(`ipv4: finds ${value}`, () => assert.deepEqual(findWith(ipv4, text), [value]));
}

test('ipv4: loopback, unspecified, link-local, masks, versions and OIDs are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(ipv4, text), [], text);
});
