import { GatewayError, isGatewayError, type ErrorCode } from '../errors.js';

/** undici and socket error codes → gateway codes. Matched by code, never by message text. */
const BY_CODE: Record<string, ErrorCode> = {
  UND_ERR_CONNECT_TIMEOUT: 'GW_ERR_UPSTREAM_CONNECT_TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'GW_ERR_UPSTREAM_HEADERS_TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'GW_ERR_UPSTREAM_BODY_TIMEOUT',
  UND_ERR_SOCKET: 'GW_ERR_UPSTREAM_UNREACHABLE',
  UND_ERR_CLOSED: 'GW_ERR_UPSTREAM_UNREACHABLE',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
  UND_ERR_INFO: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
  HPE_INVALID_CONSTANT: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
  ECONNREFUSED: 'GW_ERR_UPSTREAM_UNREACHABLE',
  ECONNRESET: 'GW_ERR_UPSTREAM_UNREACHABLE',
  EPIPE: 'GW_ERR_UPSTREAM_UNREACHABLE',
  ENOTFOUND: 'GW_ERR_UPSTREAM_UNREACHABLE',
  EAI_AGAIN: 'GW_ERR_UPSTREAM_UNREACHABLE',
  EHOSTUNREACH: 'GW_ERR_UPSTREAM_UNREACHABLE',
  ENETUNREACH: 'GW_ERR_UPSTREAM_UNREACHABLE',
  ETIMEDOUT: 'GW_ERR_UPSTREAM_CONNECT_TIMEOUT',
  Z_DATA_ERROR: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
  Z_BUF_ERROR: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
  ERR_BUFFER_TOO_LARGE: 'GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE',
};

function codeOf(err: unknown): string | undefined {
  // Connection errors may arrive wrapped (cause) or aggregated (happy eyeballs tries each address).
  let e: unknown = err;
  for (let i = 0; i < 4 && typeof e === 'object' && e !== null; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in BY_CODE) return code;
    const errors = (e as { errors?: unknown }).errors;
    e = Array.isArray(errors) && errors.length > 0 ? errors[0] : (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps any failure while talking upstream to a GatewayError (502/504), keeping ours as they are. */
export function mapUpstreamError(err: unknown): GatewayError {
  if (isGatewayError(err)) return err;
  const code = codeOf(err);
  return new GatewayError(code ? BY_CODE[code]! : 'GW_ERR_UPSTREAM_UNREACHABLE', undefined, { cause: err });
}
