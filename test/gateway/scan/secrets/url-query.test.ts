import assert from 'node:assert/strict';
import { test } from 'node:test';
import { urlQuerySecret } from '../../../../gateway/scan/secrets/url-query.js';
import { BASE62, fake, findWith } from '../fixtures.js';

const token = fake(BASE62, 32, 270);
const sig = encodeURIComponent(Buffer.from(fake(BASE62, 32, 271)).toString('base64'));
const amz = fake('0123456789abcdef', 64, 272);

const POSITIVES: [string, string[]][] = [
  [`https://graph.example.com/v18.0/me?fields=id,name&access_token=${token}`, [token]],
  [`GET /api/export?format=csv&token=${token} HTTP/1.1`, [token]],
  [`https://acct.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=r&se=2025-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig}`, [sig]],
  [`https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${token}`, [token]],
  [`https://bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=${amz}`, [amz]],
  [`wss://stream.example.com/socket?api_key=${token}&v=2`, [token]],
  [`<a href="/reset?user=42&amp;token=${token}">reset</a>`, [token]],
  [`https://db.example.com/connect?user=app&password=Tr0ub4dor-${token.slice(0, 6)}`, [`Tr0ub4dor-${token.slice(0, 6)}`]],
  [`See https://x.example.com/cb?code_verifier=${token}.`, [token]],
];

const NEGATIVES = [
  'Is the token valid? Which key should I use?',
  'https://example.com/search?q=token&page=2&sort=key',
  'https://example.com/cb?access_token=${ACCESS_TOKEN}',
  'https://example.com/cb?access_token=YOUR_ACCESS_TOKEN',
  'https://example.com/cb?token=<token>&key={{api_key}}',
  'https://example.com/items?key=name&sig=abc',
  'https://maps.example.com/tile?key=public-demo-key',
  'https://cdn.example.com/app.js?v=1.2.3&hash=9f86d081884c7d659a2feaa0c55ad015',
];

for (const [text, values] of POSITIVES) {
  test(`url-query-secret: finds ${JSON.stringify(text.slice(0, 40))}…`, () => assert.deepEqual(findWith(urlQuerySecret, text), values));
}

test('url-query-secret: questions, non-credential parameters, templates and dummies are not findings', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(urlQuerySecret, text), [], text);
});
