// Values the detectors find, generated at load from a seed so no credential-shaped literal sits in
// the source (secret scanners would flag it), each one distinct so tests cannot see each other's.
import { seededString } from '../../helpers/seeded.js';


const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An AWS access key id (AKIA + 16 base32 characters, a digit among them as the detector requires); one per seed. */
export const awsKey = (seed: number): string => 'AKIA' + seededString(BASE32, 15, 1000 + seed) + String(2 + (seed % 6));

/** A PEM private key block. */
export function pemKey(seed: number): string {
  const lines = ['-----BEGIN RSA PRIVATE KEY-----'];
  for (let i = 0; i < 6; i++) lines.push(seededString(BASE62 + '+/', 64, 5000 + seed * 10 + i));
  lines.push(seededString(BASE62, 20, 5999 + seed) + '==', '-----END RSA PRIVATE KEY-----');
  return lines.join('\n');
}

/** A GitHub token: a secret balanced redacts without asking. */
export const githubToken = (seed: number): string => 'ghp_' + seededString(BASE62, 36, 3000 + seed);

/** `[[KIND_XXXXXXXX]]`, as docs/placeholders.md specifies it. */
export const PLACEHOLDER = /\[\[[A-Z][A-Z0-9_]{0,31}_[0-9A-HJKMNP-TV-Z]{8}\]\]/;
