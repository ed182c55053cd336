// The values planted in end-to-end redaction tests: one per detector family, generated from a seed
// at load (no credential-shaped literal sits in the source), and texts built from parts so every
// test knows exactly where each value sits and what the redacted form must look like.
import { seededString } from '../../helpers/seeded.js';

export interface Plant {
  /** Short label for messages. */
  name: string;
  /** Placeholder kind the gateway must mint. */
  kind: string;
  /** The exact substring that must never reach upstream. */
  value: string;
}

/** A text as literal pieces and planted values, in order. */
export type Parts = readonly (string | Plant)[];


const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64URL = BASE62 + '-_';
const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

function pemBlock(): string {
  const lines = ['-----BEGIN RSA PRIVATE KEY-----'];
  for (let i = 0; i < 6; i++) lines.push(seededString(BASE62 + '+/', 64, 700 + i));
  lines.push(seededString(BASE62, 20, 799) + '==', '-----END RSA PRIVATE KEY-----');
  return lines.join('\n');
}

const p = (name: string, kind: string, value: string): Plant => ({ name, kind, value });

/** The custom deny term every redaction test gateway is configured with. */
export const DENY_TERM = 'Project Bluebird';
/**
 * The gateway configuration of these tests: the deny term, and the permissive policy preset
 * (redact every finding, hold nothing), because what is under test is redaction and restoration;
 * the balanced default would hold private keys and cloud credentials for a confirmation.
 */
export const REDACTION_CONFIG = {
  scan: { denyTerms: [{ pattern: DENY_TERM, kind: 'CODENAME' }] },
  policy: { preset: 'permissive' as const },
};

export const V = {
  email: p('email', 'EMAIL', 'maria.keller@northwind-example.de'),
  phone: p('phone', 'PHONE', '+44 20 7946 0958'),
  card: p('card', 'CARD', '4111 1111 1111 1111'),
  iban: p('iban', 'IBAN', 'DE89 3704 0044 0532 0130 00'),
  ssn: p('ssn', 'SSN', '536-22-1234'),
  cnId: p('cn id', 'CN_ID', '11010519491231002X'),
  ipv4: p('ipv4', 'IP', '203.0.113.42'),
  ipv6: p('ipv6', 'IP', '2001:db8::8a2e:370:7334'),
  awsKey: p('aws key id', 'AWS_KEY', 'AKIA' + seededString('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 11)),
  awsSecret: p('aws secret', 'AWS_SECRET', seededString(BASE62, 18, 12) + '/' + seededString(BASE62, 12, 13) + '+' + seededString(BASE62, 8, 14)),
  github: p('github token', 'GITHUB_TOKEN', 'ghp_' + seededString(BASE62, 36, 15)),
  openai: p('openai key', 'OPENAI_KEY', 'sk-proj-' + seededString(BASE64URL, 74, 16) + 'T3BlbkFJ' + seededString(BASE64URL, 74, 17)),
  anthropic: p('anthropic key', 'ANTHROPIC_KEY', 'sk-ant-api03-' + seededString(BASE64URL, 93, 18) + 'AA'),
  stripe: p('stripe key', 'STRIPE_KEY', 'sk_live_' + seededString(BASE62, 24, 19)),
  slack: p('slack token', 'SLACK_TOKEN', 'xoxb-1234567890123-1234567890123-' + seededString(BASE62, 24, 20)),
  google: p('google key', 'GOOGLE_KEY', 'AIza' + seededString(BASE64URL, 35, 21)),
  jwt: p('jwt', 'JWT', `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '4242', name: 'Maria Keller', iat: 1746057600 })}.${seededString(BASE64URL, 43, 22)}`),
  pem: p('pem private key', 'PRIVATE_KEY', pemBlock()),
  urlPassword: p('url credential', 'PASSWORD', seededString(BASE62, 10, 23) + '-' + seededString(BASE62, 6, 24)),
  password: p('password assignment', 'PASSWORD', seededString(BASE62, 9, 25) + '&' + seededString(BASE62, 5, 26)),
  custom: p('deny term', 'CODENAME', DENY_TERM),
};

export const ALL_PLANTS: readonly Plant[] = Object.values(V);

/** Every kind of value, in context, with multi-byte text (accents, CJK, emoji) right around them. */
export const ALL_PARTS: Parts = [
  'Bitte prüfen 🔍 — mail ', V.email, ', tel. ', V.phone, ' 客户电话, card ', V.card, ' 💳, IBAN ', V.iban, '.\n',
  'SSN ', V.ssn, ' / 身份证 ', V.cnId, ' / hosts ', V.ipv4, ' and ', V.ipv6, ' 🌐\n',
  'aws_access_key_id = ', V.awsKey, '\naws_secret_access_key = ', V.awsSecret, '\n',
  'GITHUB ', V.github, ' · OPENAI ', V.openai, ' · ANTHROPIC ', V.anthropic, '\n',
  'stripe ', V.stripe, ' slack ', V.slack, ' google ', V.google, '\n',
  'Authorization: Bearer ', V.jwt, '\n',
  V.pem, '\n',
  'DATABASE_URL=postgres://app:', V.urlPassword, '@db.internal:5432/orders\n',
  'DB_PASSWORD=', V.password, '\n',
  'codename ', V.custom, ' ✅ 完成',
];

/** A short mix for slow (1-byte TCP) streams: multi-byte text glued to values, JSON-escaped newlines. */
export const SHORT_PARTS: Parts = ['é🎉中文 ', V.email, ' 🎉 ', V.anthropic, ' 漢字\n', V.pem, '\n😀 ', V.custom, ' ñ'];

export const render = (parts: Parts): string => parts.map((x) => (typeof x === 'string' ? x : x.value)).join('');
export const plantsOf = (parts: Parts): Plant[] => parts.filter((x): x is Plant => typeof x !== 'string');

/** Literal text with a few values, for places that need a second, different text. */
export const partsWith = (prefix: string, ...plants: Plant[]): Parts => plants.flatMap((x, i) => [i === 0 ? prefix : ' and ', x]).concat(' ✓');
