import { ScanContext } from '../../../gateway/scan/context.js';
import type { Detector } from '../../../gateway/scan/detector.js';
import { compileScanner } from '../../../gateway/scan/index.js';
import { buildPrefixTable } from '../../../gateway/scan/prefix-index.js';
import type { ScanOptions } from '../../../gateway/scan/types.js';
import { seededString } from '../../helpers/seeded.js';

/** What one detector reports on `text`, as the reported substrings, in order. */
export function findWith(detector: Detector, text: string): string[] {
  const spans: [number, number][] = [];
  detector.find(text, (start, end) => spans.push([start, end]), new ScanContext(text, buildPrefixTable([detector])));
  return spans.sort((a, b) => a[0] - b[0]).map(([s, e]) => text.slice(s, e));
}

export interface Reported {
  detector: string;
  kind: string;
  value: string;
}

/** What the full scanner reports on `text`. */
export function scanValues(text: string, opts?: ScanOptions): Reported[] {
  return compileScanner(opts)
    .scan(text)
    .map((f) => ({ detector: f.detector, kind: f.kind, value: text.slice(f.start, f.end) }));
}

/** A deterministic pseudo-random string (see test/helpers/seeded.ts). */
export const fake = seededString;

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE64URL = BASE62 + '-_';
const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Realistic fake credentials, one per secret detector. */
export const SECRETS = {
  awsKey: 'AKIAIOSFODNN7EXAMPLE',
  awsSessionKey: 'ASIAY34FZKBOKMUTVV7A',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  github: 'ghp_' + fake(BASE62, 36, 1),
  githubOauth: 'gho_' + fake(BASE62, 36, 2),
  githubPat: 'github_pat_11' + fake(BASE62, 20, 3) + '_' + fake(BASE62, 59, 4),
  openai: 'sk-' + fake(BASE62, 48, 5),
  openaiProject: 'sk-proj-' + fake(BASE64URL, 74, 6) + 'T3BlbkFJ' + fake(BASE64URL, 74, 7),
  anthropic: 'sk-ant-api03-' + fake(BASE64URL, 93, 8) + 'AA',
  stripe: 'sk_live_' + fake(BASE62, 24, 9),
  stripeRestricted: 'rk_live_' + fake(BASE62, 99, 10),
  slack: 'xoxb-1234567890123-1234567890123-' + fake(BASE62, 24, 11),
  google: 'AIza' + fake(BASE64URL, 35, 12),
  jwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '1234567890', name: 'Jane Doe', iat: 1516239022 })}.${fake(BASE64URL, 43, 13)}`,
};

/** A PEM block of the given label with a plausible base64 body. */
export function pem(label: string, lineBreak = '\n'): string {
  const lines = [`-----BEGIN ${label}-----`];
  for (let i = 0; i < 6; i++) lines.push(fake(BASE62 + '+/', 64, 100 + i));
  lines.push(fake(BASE62, 20, 99) + '==', `-----END ${label}-----`);
  return lines.join(lineBreak);
}

/**
 * One plant per detector: the text to place (between safe separators), and the substring of it the
 * scanner must report with its kind. Used by the property and placeholder tests.
 */
export const PLANTS: { text: string; value: string; kind: string }[] = [
  { text: 'jane.doe@example.com', value: 'jane.doe@example.com', kind: 'EMAIL' },
  { text: '+44 20 7946 0958', value: '+44 20 7946 0958', kind: 'PHONE' },
  { text: '(415) 555-2671', value: '(415) 555-2671', kind: 'PHONE' },
  { text: '4111 1111 1111 1111', value: '4111 1111 1111 1111', kind: 'CARD' },
  { text: 'DE89 3704 0044 0532 0130 00', value: 'DE89 3704 0044 0532 0130 00', kind: 'IBAN' },
  { text: '536-22-1234', value: '536-22-1234', kind: 'SSN' },
  { text: '11010519491231002X', value: '11010519491231002X', kind: 'CN_ID' },
  { text: '203.0.113.42', value: '203.0.113.42', kind: 'IP' },
  { text: '2001:db8::8a2e:370:7334', value: '2001:db8::8a2e:370:7334', kind: 'IP' },
  { text: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', kind: 'BTC' },
  { text: '0x52908400098527886E0F7030069857D2E4169EE7', value: '0x52908400098527886E0F7030069857D2E4169EE7', kind: 'ETH' },
  { text: SECRETS.awsKey, value: SECRETS.awsKey, kind: 'AWS_KEY' },
  { text: `aws_secret_access_key = ${SECRETS.awsSecret}`, value: SECRETS.awsSecret, kind: 'AWS_SECRET' },
  { text: SECRETS.github, value: SECRETS.github, kind: 'GITHUB_TOKEN' },
  { text: SECRETS.openaiProject, value: SECRETS.openaiProject, kind: 'OPENAI_KEY' },
  { text: SECRETS.anthropic, value: SECRETS.anthropic, kind: 'ANTHROPIC_KEY' },
  { text: SECRETS.stripe, value: SECRETS.stripe, kind: 'STRIPE_KEY' },
  { text: SECRETS.slack, value: SECRETS.slack, kind: 'SLACK_TOKEN' },
  { text: SECRETS.google, value: SECRETS.google, kind: 'GOOGLE_KEY' },
  { text: SECRETS.jwt, value: SECRETS.jwt, kind: 'JWT' },
  { text: pem('RSA PRIVATE KEY'), value: pem('RSA PRIVATE KEY'), kind: 'PRIVATE_KEY' },
  { text: 'postgres://app:S3cr3t-Pa55@db.internal:5432/orders', value: 'S3cr3t-Pa55', kind: 'PASSWORD' },
  { text: 'Server=db;User Id=sa;Password=Str0ng!Pass;', value: 'Str0ng!Pass', kind: 'PASSWORD' },
  { text: 'DB_PASSWORD=Tr0ub4dor&3', value: 'Tr0ub4dor&3', kind: 'PASSWORD' },
  { text: 'client_secret: "Zx9vQ2mR7tL4kP8sW3nB"', value: 'Zx9vQ2mR7tL4kP8sW3nB', kind: 'SECRET' },
];
