import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScanContext } from '../../../../gateway/scan/context.js';
import { genericAssignment } from '../../../../gateway/scan/secrets/generic-assignment.js';
import { findWith } from '../fixtures.js';

function kinds(text: string): [string, string][] {
  const out: [string, string][] = [];
  genericAssignment.find(text, (s, e, kind) => out.push([text.slice(s, e), kind ?? genericAssignment.kind]), new ScanContext(text));
  return out;
}

const POSITIVES: [string, string, string][] = [
  ['DB_PASSWORD=Tr0ub4dor&3', 'Tr0ub4dor&3', 'PASSWORD'],
  ['{"password": "S3cr3t!Pass"}', 'S3cr3t!Pass', 'PASSWORD'],
  ['passwd: x9Kq!2mPz', 'x9Kq!2mPz', 'PASSWORD'],
  ['mysql -u root --password=Hunter2Hunter2', 'Hunter2Hunter2', 'PASSWORD'],
  ['pwd = "P@ssw0rd123"', 'P@ssw0rd123', 'PASSWORD'],
  ['api_key: "a8f5f167f44f4964e6c998dee827110c"', 'a8f5f167f44f4964e6c998dee827110c', 'SECRET'],
  ["client_secret = 'Zx9vQ2mR7tL4kP8sW3nB'", 'Zx9vQ2mR7tL4kP8sW3nB', 'SECRET'],
  ['export SECRET_KEY="9f8e7d6c5b4a39281706f5e4d3c2b1a0"', '9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'SECRET'],
  ['apiKey: "Qm9vbGVhbjEyMzQ1Njc4OTA"', 'Qm9vbGVhbjEyMzQ1Njc4OTA', 'SECRET'],
  ['APIKEY=7d1f0c3e9b2a4c6d8e0f1a2b', '7d1f0c3e9b2a4c6d8e0f1a2b', 'SECRET'],
  ['access_token := "ya29A0AfH6SMBx3kLq9Zp2"', 'ya29A0AfH6SMBx3kLq9Zp2', 'SECRET'],
  ['refresh_token => "r1Tk9ZpQ7wX3mN5vB8cD"', 'r1Tk9ZpQ7wX3mN5vB8cD', 'SECRET'],
  ['https://api.example.com/v1?token=Ab12Cd34Ef56Gh78Ij90&page=2', 'Ab12Cd34Ef56Gh78Ij90', 'SECRET'],
  ['{\\"password\\": \\"S3cr3t!Pass\\"}', 'S3cr3t!Pass', 'PASSWORD'],
];

const NEGATIVES = [
  'password = "changeme"',
  'password: "${DB_PASSWORD}"',
  'password: {{ .Values.password }}',
  'apiKey: process.env.API_KEY',
  'api_key=os.environ["API_KEY"]',
  'token = getToken()',
  'token = self.tokens[0]',
  'key: <your-key>',
  'api_key: "YOUR_API_KEY_HERE_123"',
  'password: string;',
  'private readonly apiKey: ApiKeyConfig;',
  '"max_tokens": 4096, "input_tokens": 12',
  'public_key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"',
  'cache_key = "user:1234:profile:v2:xx"',
  'sort_key: "created_at_desc_00001"',
  'next_page_token: "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA5cTZ1OGs5EAE"',
  '<Item key={item.id} />',
  'const key = cacheKey(x)',
  'token: "https://auth.example.com/oauth/token"',
  'key_file: /etc/ssl/private/server.key',
  'monkey = "abc123def456ghi789"',
  'hotkey: "Ctrl+Shift+K12345678"',
  '"description": "The API key to use"',
  'if (password == input) {}',
  'if (token === null) return',
  'secret: "this is a long sentence with spaces 123"',
  'apiKey: apiKeyFromConfig',
  'password: 12345678901234',
  'token = [[GITHUB_TOKEN_7KQ2M9XD]]',
  'password: ********',
];

for (const [text, value, kind] of POSITIVES) {
  test(`generic-secret: finds ${kind} in ${text.slice(0, 28)}…`, () => assert.deepEqual(kinds(text), [[value, kind]]));
}

test('generic-secret: low entropy, placeholders, env refs, code and prose are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(genericAssignment, text), [], text);
});
