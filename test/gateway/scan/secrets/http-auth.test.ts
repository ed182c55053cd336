import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpAuth } from '../../../../gateway/scan/secrets/http-auth.js';
import { BASE62, SECRETS, fake, findWith } from '../fixtures.js';

const opaque = fake(BASE62, 40, 200);
const short = fake(BASE62, 12, 201) + '7';
const basic = Buffer.from(`admin:${fake(BASE62, 16, 202)}`).toString('base64');
const apiKeyAsUser = Buffer.from(`${fake(BASE62, 24, 203)}:`).toString('base64');

const POSITIVES: [string, string][] = [
  [`curl -H "Authorization: Bearer ${opaque}" https://api.example.com/v1/me`, opaque],
  [`curl https://x.example.com -H 'authorization: bearer ${short}'`, short],
  [`curl --header "Proxy-Authorization: Basic ${basic}" --proxy http://proxy:3128 https://example.com`, basic],
  [`GET /v2/repos HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: token ${opaque}\r\nAccept: */*\r\n`, opaque],
  [`{"headers": {"Authorization": "Bearer ${opaque}", "Content-Type": "application/json"}}`, opaque],
  [`{\\"Authorization\\": \\"Bearer ${opaque}\\"}`, opaque],
  [`headers:\n  Authorization: Bot ${opaque}\n`, opaque],
  [`HTTP_AUTHORIZATION=Bearer ${opaque}`, opaque],
  [`Authorization: Basic ${apiKeyAsUser}`, apiKeyAsUser],
  [`Authorization: ${opaque}`, opaque],
  // A vendor key here is reported by this detector too; in the full scanner the vendor's wins.
  [`Authorization: Bearer ${SECRETS.openai}`, SECRETS.openai],
  [`Authorization: Bearer ${SECRETS.jwt}`, SECRETS.jwt],
];

const NEGATIVES = [
  'Use the Authorization header with the Bearer scheme; Basic auth is disabled.',
  'Authorization: Bearer <token>',
  'Authorization: Bearer $TOKEN',
  'curl -H "Authorization: Bearer ${GITHUB_TOKEN}" https://api.github.com',
  "curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\" https://x",
  'Authorization: Bearer {{access_token}}',
  'Authorization: Bearer YOUR_API_TOKEN_HERE',
  'Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxx',
  'Authorization: Bearer token',
  "headers = {'Authorization': 'Bearer ' + token}",
  'headers["Authorization"] = f"Bearer {token}"',
  `Authorization: Basic ${Buffer.from('user:password').toString('base64')}`,
  `Authorization: Basic ${Buffer.from('username:changeme').toString('base64')}`,
  'Authorization: Basic base64(user:pass)',
  'Authorization: required for every call',
  'preauthorization: Bearer ' + opaque,
  'Authorization: Bearer authentication-is-required-here',
  'Authorization: Digest username="Mufasa", realm="x", response="6629fae49393a05397450978507c4ef1"',
];

for (const [text, value] of POSITIVES) {
  test(`http-auth: finds the credential in ${JSON.stringify(text.slice(0, 40))}…`, () => assert.deepEqual(findWith(httpAuth, text), [value]));
}

test('http-auth: the scheme word in prose, templates, env refs and dummies are not findings', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(httpAuth, text), [], text);
});
