// Provider-looking ids, so consumers that check prefixes or lengths see realistic values.
import { randomBytes } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function base62(n: number): string {
  let out = '';
  for (const b of randomBytes(n)) out += BASE62[b % 62];
  return out;
}

export const ids = {
  chat: (): string => `chatcmpl-${base62(29)}`,
  call: (): string => `call_${base62(24)}`,
  response: (): string => `resp_${randomBytes(24).toString('hex')}`,
  message: (): string => `msg_${randomBytes(24).toString('hex')}`,
  functionCall: (): string => `fc_${randomBytes(24).toString('hex')}`,
  anthropicMessage: (): string => `msg_01${base62(22)}`,
  toolUse: (): string => `toolu_01${base62(22)}`,
  request: (): string => `req_${base62(24)}`,
};

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
