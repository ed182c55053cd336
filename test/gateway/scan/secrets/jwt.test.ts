import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jwt } from '../../../../gateway/scan/secrets/jwt.js';
import { BASE64URL, SECRETS, fake, findWith } from '../fixtures.js';

const b64 = (o: object | string): string => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`;
const jwe = `${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.${fake(BASE64URL, 342, 1)}.${fake(BASE64URL, 16, 2)}.${fake(BASE64URL, 200, 3)}.${fake(BASE64URL, 22, 4)}`;

const POSITIVES: [string, string][] = [
  [`Authorization: Bearer ${SECRETS.jwt}`, SECRETS.jwt],
  [`{"id_token":"${SECRETS.jwt}"}`, SECRETS.jwt],
  [`curl -H 'Cookie: session=${SECRETS.jwt}; path=/'`, SECRETS.jwt],
  [`alg none: ${unsigned} end`, unsigned],
  [`jwe ${jwe}`, jwe],
];

const NEGATIVES = [
  'eyJhbGciOiJIUzI1NiJ9', // header only
  `${b64({ alg: 'HS256' })}.${b64({ sub: 'x' })}`, // two segments
  `${b64({ typ: 'JWT' })}.${b64({ sub: 'x' })}.${fake(BASE64URL, 43, 5)}`, // no alg
  `${b64('{"alg": broken')}.${b64({ sub: 'x' })}.${fake(BASE64URL, 43, 6)}`, // not JSON
  `${b64({ alg: 'HS256' })}..${fake(BASE64URL, 43, 7)}`, // empty payload
  `x${SECRETS.jwt}`,
  'keyJson.yJ.eyJ and eyJ. and .eyJ',
];

for (const [text, value] of POSITIVES) {
  test(`jwt: finds the token in ${JSON.stringify(text.slice(0, 24))}…`, () => assert.deepEqual(findWith(jwt, text), [value]));
}

test('jwt: fragments, headers without alg, non-JSON headers and glued tokens are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(jwt, text), [], text);
});
