import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LoginLink, SealedLoginLink } from './contract.js';

/**
 * The login challenge of `aegisgate login`: both sides prove they hold the admin token without
 * sending it. The CLI sends a fresh nonce and HMAC(token, request ‖ nonce); the gateway answers with
 * HMAC(token, response ‖ nonce) and the login link sealed (AES-256-GCM) under a key derived the same
 * way. A process squatting the gateway's port learns neither the token nor a usable link, and one
 * that relays the exchange to the real gateway gets only the sealed link.
 */
const LABEL = 'aegisgate-login-v1';

type Purpose = 'request' | 'response' | 'seal' | 'fingerprint';

export const loginMac = (token: string, purpose: Purpose, nonce: string): Buffer =>
  createHmac('sha256', token).update(`${LABEL} ${purpose}\n${nonce}`).digest();

export const newLoginNonce = (): string => randomBytes(32).toString('base64url');

/** Constant-time check of a hex MAC from the other side. */
export function macMatches(expected: Buffer, hex: string): boolean {
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Names the token a data dir's gateway runs with, for its state file, without revealing it. */
export const tokenFingerprint = (token: string): string => loginMac(token, 'fingerprint', '').subarray(0, 16).toString('hex');

export function sealLoginLink(token: string, nonce: string, link: LoginLink): SealedLoginLink {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', loginMac(token, 'seal', nonce), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(link), 'utf8'), cipher.final()]);
  return {
    proof: loginMac(token, 'response', nonce).toString('hex'),
    iv: iv.toString('base64url'),
    data: data.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/** The link, or undefined when the answer was not made with this token (proof or seal do not check). */
export function openLoginLink(token: string, nonce: string, sealed: SealedLoginLink): LoginLink | undefined {
  // The answer comes from whatever listens at the URL: check its shape before using it.
  if (![sealed.proof, sealed.iv, sealed.data, sealed.tag].every((f) => typeof f === 'string')) return undefined;
  if (!macMatches(loginMac(token, 'response', nonce), sealed.proof)) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', loginMac(token, 'seal', nonce), Buffer.from(sealed.iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as LoginLink;
  } catch {
    return undefined;
  }
}
