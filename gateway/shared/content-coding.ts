/** The request body codings the gateway reads (RFC 9110 §8.4.1); `x-gzip` is gzip's old name. */
export type Coding = 'gzip' | 'deflate' | 'br';

/** A `Content-Encoding` the gateway cannot read; `unsupported` is the detail of its 415 (GW_ERR_BODY_ENCODING_UNSUPPORTED). */
export interface UnsupportedCoding {
  readonly unsupported: string;
}

/** More codings stacked than any client sends: a body coded over and over is an attack, not a client. */
const MAX_CODINGS = 2;

/**
 * The codings a `Content-Encoding` header lists, in the order they were applied, or why it cannot be
 * read (an unknown coding, zstd among them: Node 20's zlib cannot read it). `identity` is no coding at
 * all. A leaf both sides of the body read: the boundary refuses before a byte is read, body/ decodes.
 */
export function parseContentEncoding(header: string | undefined): Coding[] | UnsupportedCoding {
  if (header === undefined) return [];
  const out: Coding[] = [];
  for (const token of header.split(',')) {
    const name = token.trim().toLowerCase();
    if (name === '' || name === 'identity') continue;
    if (name === 'gzip' || name === 'x-gzip') out.push('gzip');
    else if (name === 'deflate' || name === 'br') out.push(name);
    else return { unsupported: `Content-Encoding ${JSON.stringify(name.slice(0, 40))}; accepted: gzip, deflate, br` };
  }
  if (out.length > MAX_CODINGS) return { unsupported: `more than ${MAX_CODINGS} stacked codings` };
  return out;
}
