import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered ids in the ULID layout (48-bit ms time + 80 random bits, Crockford base32, 26 chars),
 * so ids sort by creation time as plain strings. Within one millisecond the random part is
 * incremented, keeping ids from this process strictly increasing. Hand-written: 30 lines do not
 * justify a dependency.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

let lastTime = -1;
/**
 * The last id's digits (0-31) and their character codes, updated in place: one id costs one string
 * built from the codes, not an array, a map and a join (issue 16: an id per proxied request).
 */
const digits = new Uint8Array(TIME_CHARS + RANDOM_CHARS);
const codes = new Array<number>(TIME_CHARS + RANDOM_CHARS).fill(CODES[0]);

/** Random bytes drawn 4 KB at a time: one syscall-backed fill per 256 new milliseconds, not one each. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random16(): Buffer {
  if (poolAt + RANDOM_CHARS > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += RANDOM_CHARS;
  return pool.subarray(poolAt - RANDOM_CHARS, poolAt);
}

export function newEventId(now: number = Date.now()): string {
  if (now <= lastTime) {
    increment();
  } else {
    lastTime = now;
    let t = now;
    for (let i = TIME_CHARS - 1; i >= 0; i--) {
      setDigit(i, t % 32);
      t = Math.floor(t / 32);
    }
    const bytes = random16();
    for (let i = 0; i < RANDOM_CHARS; i++) setDigit(TIME_CHARS + i, bytes[i] & 31);
  }
  return String.fromCharCode.apply(null, codes);
}

function setDigit(i: number, d: number): void {
  digits[i] = d;
  codes[i] = CODES[d];
}

/** Adds one to the random part, carrying leftwards (a full wrap leaves it all zeros, as before). */
function increment(): void {
  for (let i = digits.length - 1; i >= TIME_CHARS; i--) {
    if (digits[i] < 31) {
      setDigit(i, digits[i] + 1);
      return;
    }
    setDigit(i, 0);
  }
}

/** The creation time (epoch ms) encoded in an id from newEventId. */
export function eventIdTime(id: string): number {
  let t = 0;
  for (let i = 0; i < TIME_CHARS; i++) t = t * 32 + ALPHABET.indexOf(id[i]);
  return t;
}
