import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered ids in the ULID layout (48-bit ms time + 80 random bits, Crockford base32, 26 chars),
 * so ids sort by creation time as plain strings. Within one millisecond the random part is
 * incremented, keeping ids from this process strictly increasing. Hand-written: 30 lines do not
 * justify a dependency.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastRandom: number[] = [];

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
    increment(lastRandom);
  } else {
    lastTime = now;
    const bytes = random16();
    lastRandom = Array.from(bytes, (b) => b & 31);
  }
  return encodeTime(lastTime) + lastRandom.map((d) => ALPHABET[d]).join('');
}

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function increment(digits: number[]): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] < 31) {
      digits[i] += 1;
      return;
    }
    digits[i] = 0;
  }
}

/** The creation time (epoch ms) encoded in an id from newEventId. */
export function eventIdTime(id: string): number {
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + ALPHABET.indexOf(id[i]);
  return t;
}
