import type { IncomingHttpHeaders } from 'node:http';

const hasToken = (value: string | string[] | undefined, token: string): boolean =>
  value !== undefined && (Array.isArray(value) ? value.join(',') : value).split(',').some((t) => t.trim().toLowerCase() === token);

/**
 * A WebSocket opening handshake (RFC 6455 §4.1): `Upgrade: websocket`, or the handshake's own key
 * header on its own. Other upgrades (curl's `Upgrade: h2c` on a plain POST) are not refused: HTTP/1.1
 * lets the server ignore them and answer normally.
 */
export function isWebSocketHandshake(headers: IncomingHttpHeaders): boolean {
  return hasToken(headers.upgrade, 'websocket') || headers['sec-websocket-key'] !== undefined;
}
