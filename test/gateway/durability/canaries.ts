// Canary values for the end-to-end canary test: fresh random secrets and PII of many kinds, each in
// a shape the gateway's detectors recognise (so they really travel through the vault), and the byte
// patterns any stored or logged copy of one would leave: raw, JSON-escaped (once and twice), UTF-16LE,
// base64 and base64url at all three alignments, and hex; and its unsalted SHA-256 and SHA-1 digests
// (raw, hex, base64), which would let anyone confirm a guessed value.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export interface Canary {
  name: string;
  value: string;
  /** false where an unsalted hash is stored by design (client keys: 256 random bits, looked up by SHA-256) */
  hashed?: boolean;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const BASE62 = DIGITS + UPPER + LOWER;

const pick = (alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Random text over `alphabet` that has an upper-case letter, a lower-case letter and a digit. */
function mixed(alphabet: string, length: number): string {
  for (;;) {
    const s = pick(alphabet, length);
    if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s)) return s;
  }
}

/** A 16-digit Visa-range number with a valid Luhn check digit, grouped by four as people write it. */
function cardNumber(): string {
  const body = '4' + pick(DIGITS, 14);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function pemBlock(): string {
  const body = Array.from({ length: 8 }, () => mixed(BASE62 + '+/', 64));
  return ['-----BEGIN PRIVATE KEY-----', ...body, `${mixed(BASE62, 22)}==`, '-----END PRIVATE KEY-----'].join('\n');
}

const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Every value planted in the traffic, fresh for each run so nothing on disk can match by accident. */
export function plantCanaries() {
  const card = cardNumber();
  return {
    email1: `canary.${hex(6)}@${hex(4)}-mail.example.com`,
    email2: `ops-${hex(5)}@corp-${hex(3)}.example.org`,
    awsKeyId: 'AKIA' + pick(UPPER + '234567', 16),
    awsSecret: mixed(BASE62 + '/+', 40),
    github: 'ghp_' + mixed(BASE62, 36),
    pem: pemBlock(),
    card,
    cardDigits: card.replace(/ /g, ''),
    jwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: hex(8), name: `Agent ${hex(4)}` })}.${mixed(BASE62 + '-_', 43)}`,
    denyTerm: `Nightjar${hex(5).toUpperCase()}`,
    /** the tool's own Anthropic key, passed through unchanged to the (fake) provider */
    anthropicOwnKey: 'sk-ant-api03-' + mixed(BASE62 + '-_', 93) + 'AA',
    /** the real OpenAI key the gateway holds (managed), which no tool ever sees */
    managedOpenAiKey: 'sk-proj-CANARY' + mixed(BASE62, 48),
  };
}

export type Canaries = ReturnType<typeof plantCanaries>;

/** The base64 (or base64url) text any encoding of a longer byte string containing `value` would contain, per alignment. */
function base64Forms(value: Buffer, encoding: 'base64' | 'base64url'): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const text = Buffer.concat([Buffer.alloc(shift), value]).toString(encoding);
    // Keep only 4-char groups made of the value's bytes alone: the first mixes in the shift, the last may be partial.
    const first = shift === 0 ? 0 : 4;
    const last = Math.floor((shift + value.length) / 3) * 4;
    if (last - first >= 16) out.push(text.slice(first, last));
  }
  return out;
}

const jsonInner = (s: string): string => JSON.stringify(s).slice(1, -1);

function digestForms(value: string): Buffer[] {
  return ['sha256', 'sha1'].flatMap((algorithm) => {
    const digest = createHash(algorithm).update(value, 'utf8').digest();
    return [digest, ...(['hex', 'base64', 'base64url'] as const).map((enc) => Buffer.from(digest.toString(enc)))];
  });
}

/** Byte patterns that would betray `value`; each long line of a multi-line value counts on its own. */
export function needles(value: string, hashed = true): Buffer[] {
  const texts = new Set([value, jsonInner(value), jsonInner(jsonInner(value))]);
  for (const line of value.split('\n')) if (line.length >= 16) texts.add(line);
  const out = new Map<string, Buffer>();
  const add = (b: Buffer) => out.set(b.toString('latin1'), b);
  for (const text of texts) {
    const utf8 = Buffer.from(text, 'utf8');
    add(utf8);
    add(Buffer.from(text, 'utf16le'));
    add(Buffer.from(utf8.toString('hex')));
    for (const form of [...base64Forms(utf8, 'base64'), ...base64Forms(utf8, 'base64url')]) add(Buffer.from(form));
  }
  if (hashed) for (const form of digestForms(value)) add(form);
  return [...out.values()];
}

export interface Detector {
  /** Names of the canaries whose needles occur in `bytes`. */
  leaksIn(bytes: Buffer): string[];
}

/** Builds every canary's needles once. */
export function leakDetector(canaries: readonly Canary[]): Detector {
  const prepared = canaries.map((c) => ({ name: c.name, needles: needles(c.value, c.hashed ?? true) }));
  return { leaksIn: (bytes) => prepared.filter((c) => c.needles.some((n) => bytes.includes(n))).map((c) => c.name) };
}
