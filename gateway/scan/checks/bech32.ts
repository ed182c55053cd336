// BIP-173/BIP-350 checksum, hand-written: no bech32 package is a dependency and it is 30 lines.
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const BECH32 = 1;
const BECH32M = 0x2bc830a3;

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATOR[i]) >>> 0;
  }
  return chk;
}

/**
 * True for a valid segwit address with human-readable part `hrp` (e.g. 'bc'): bech32 for witness
 * version 0, bech32m for versions 1–16, with the program length those versions allow.
 */
export function segwitValid(address: string, hrp: string): boolean {
  const s = address.toLowerCase();
  if (s !== address && address.toUpperCase() !== address) return false;
  const sep = s.lastIndexOf('1');
  if (s.slice(0, sep) !== hrp || s.length - sep - 1 < 7) return false;
  const data: number[] = [];
  for (let i = sep + 1; i < s.length; i++) {
    const v = CHARSET.indexOf(s[i]);
    if (v < 0) return false;
    data.push(v);
  }
  const expanded: number[] = [];
  for (let i = 0; i < hrp.length; i++) expanded.push(hrp.charCodeAt(i) >> 5);
  expanded.push(0);
  for (let i = 0; i < hrp.length; i++) expanded.push(hrp.charCodeAt(i) & 31);
  const check = polymod(expanded.concat(data));
  const version = data[0];
  if (version > 16 || check !== (version === 0 ? BECH32 : BECH32M)) return false;
  const programBits = (data.length - 7) * 5;
  if (programBits % 8 > 4) return false;
  const programBytes = Math.floor(programBits / 8);
  if (version === 0) return programBytes === 20 || programBytes === 32;
  return programBytes >= 2 && programBytes <= 40;
}
