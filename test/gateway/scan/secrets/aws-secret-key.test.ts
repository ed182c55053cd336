import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awsSecretKey } from '../../../../gateway/scan/secrets/aws-secret-key.js';
import { BASE62, SECRETS, fake, findWith } from '../fixtures.js';

const S = SECRETS.awsSecret;

const POSITIVES: [string, string][] = [
  [`[default]\naws_access_key_id = ${SECRETS.awsKey}\naws_secret_access_key = ${S}\n`, S],
  [`export AWS_SECRET_ACCESS_KEY="${S}"`, S],
  [`User name,Password,Access key ID,Secret access key\nci,,${SECRETS.awsKey},${S}`, S],
  [`{"Credentials": {"AccessKeyId": "${SECRETS.awsSessionKey}", "SecretAccessKey": "${S}", "SessionToken": "x"}}`, S],
  [`aws configure set aws_secret_access_key ${S}`, S],
];

const NEGATIVES = [
  // A 40-char base64 string without AWS context is a hash or an id.
  `checksum ${S}`,
  `AKIAIOSFODNN7EXAMPLE ${'x'.repeat(300)} ${S}`, // context too far away
  `aws_secret_access_key = ${'a1b2c3d4e5'.repeat(4)}`, // hex-like, not mixed case
  `aws_secret_access_key = ${S}X`, // 41 chars
  `aws_secret_access_key = ${fake(BASE62, 40, 3).toLowerCase()}`,
];

for (const [text, value] of POSITIVES) {
  test(`aws-secret-key: finds the secret in ${JSON.stringify(text.slice(0, 30))}…`, () => assert.deepEqual(findWith(awsSecretKey, text), [value]));
}

test('aws-secret-key: 40-char strings without AWS context or mixed case are not reported', () => {
  for (const text of NEGATIVES) assert.deepEqual(findWith(awsSecretKey, text), [], text);
});

test('aws-secret-key: two profiles close together yield both secrets', () => {
  const other = 'Zk9mQ2xR7tL4kP8sW3nBv6Yc1Hd5Jf0Ga2Eu9Xq+';
  const text = `[a]\naws_secret_access_key = ${S}\n[b]\naws_secret_access_key = ${other}\n`;
  assert.deepEqual(findWith(awsSecretKey, text), [S, other]);
});
