import pino, { type Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log object. Bodies are never logged at all; these
 * catch credential headers on the request/response objects Fastify and our own code may log.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-aegis-key"]',
  'req.headers["x-aegis-signature"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-aegis-key"]',
  'headers.cookie',
  'res.headers["set-cookie"]',
];

/** JSON logs to stderr; stdout belongs to the CLI's machine-readable lines. */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ fd: 2, sync: false })): Logger {
  return pino({ level, base: { name: 'aegisgate' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
