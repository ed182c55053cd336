import type { TextPlace, TextField } from './text-field.js';
import { field } from './walk.js';

/** Text a client uploads for the user (a JSONL file, a form field): scanned like the user's text. */
const BODY_TEXT: TextPlace = { kind: 'other', role: undefined, untrusted: false };

/**
 * A body that is not JSON, opened up: text (a `text/*` or NDJSON body, or the text parts of a
 * multipart form) as `fields` that are scanned and redacted in place, and everything else as
 * `opaque` text that is only scanned: a finding there refuses the request, because bytes of an
 * image or an archive cannot take a placeholder. `render()` gives the body with the fields written
 * back, byte for byte where nothing changed.
 */
export interface OpenedBody {
  readonly fields: readonly TextField[];
  readonly opaque: readonly string[];
  render(): Buffer;
}

const TEXT_TYPE = /^(text\/[a-z0-9.+-]+|application\/(x-)?ndjson|application\/jsonl?|application\/x-jsonlines)\s*(;|$)/i;
const UTF8 = /;\s*charset\s*=\s*"?(utf-?8|us-ascii)"?\s*(;|$)/i;
const ANY_CHARSET = /;\s*charset\s*=/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A media type whose bytes are UTF-8 text we may rewrite (another declared charset is left opaque). */
const isTextType = (type: string | undefined): boolean => type !== undefined && TEXT_TYPE.test(type) && (!ANY_CHARSET.test(type) || UTF8.test(type));

function utf8(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function boundaryOf(type: string): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(type);
  return m?.[1] ?? m?.[2];
}

interface Part {
  readonly headers: string;
  /** Where the part's body starts and ends in the raw body. */
  readonly start: number;
  readonly end: number;
}

/** The parts of a multipart body (RFC 2046 §5.1.1), or undefined when it does not parse as one. */
function multipartParts(raw: Buffer, boundary: string): Part[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = raw.indexOf(delimiter);
  if (at === -1) return undefined;
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (raw[afterDelimiter] === 0x2d && raw[afterDelimiter + 1] === 0x2d) return parts;
    const headStart = raw.indexOf('\r\n', afterDelimiter);
    const headEnd = headStart === -1 ? -1 : raw.indexOf('\r\n\r\n', headStart);
    if (headEnd === -1) return undefined;
    const next = raw.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next === -1) return undefined;
    parts.push({ headers: raw.toString('latin1', headStart + 2, headEnd), start: headEnd + 4, end: next });
    at = next + 2;
  }
}

function header(headers: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\r\\n)${name}:[ \\t]*([^\\r\\n]*)`, 'i').exec(headers);
  return m?.[1];
}

/** A form part is text when it declares a text type, or declares none and is not a file; and its bytes are UTF-8. */
function partText(raw: Buffer, part: Part): string | undefined {
  const type = header(part.headers, 'content-type');
  const isFile = /;\s*filename\*?=/i.test(header(part.headers, 'content-disposition') ?? '');
  if (type === undefined ? isFile : !isTextType(type)) return undefined;
  return utf8(raw.subarray(part.start, part.end));
}

export function openRawBody(raw: Buffer, contentType: string | undefined): OpenedBody {
  const texts: string[] = [];
  const fields: TextField[] = [];
  const add = (text: string) => {
    const i = texts.push(text) - 1;
    fields.push(field(BODY_TEXT, 'other', texts, i, 'text'));
  };
  const unchanged = (): boolean => fields.every((f) => texts[f.key as number] === original[f.key as number]);
  let original: readonly string[] = [];

  const text = isTextType(contentType) ? utf8(raw) : undefined;
  if (text !== undefined) {
    add(text);
    original = [...texts];
    return { fields, opaque: [], render: () => (unchanged() ? raw : Buffer.from(texts[0]!)) };
  }
  const boundary = contentType !== undefined && /^multipart\//i.test(contentType) ? boundaryOf(contentType) : undefined;
  const parts = boundary === undefined ? undefined : multipartParts(raw, boundary);
  if (parts === undefined) return { fields, opaque: [raw.toString('utf8')], render: () => raw };

  // Part headers (a file name) and binary parts are only scanned; text parts are redacted in place.
  const opaque: string[] = [];
  const textPart: (number | undefined)[] = [];
  for (const part of parts) {
    opaque.push(part.headers);
    const t = partText(raw, part);
    if (t === undefined) opaque.push(raw.toString('utf8', part.start, part.end));
    else add(t);
    textPart.push(t === undefined ? undefined : texts.length - 1);
  }
  original = [...texts];
  return {
    fields,
    opaque,
    render() {
      if (unchanged()) return raw;
      const out: Buffer[] = [];
      let at = 0;
      parts.forEach((part, n) => {
        const i = textPart[n];
        if (i === undefined || texts[i] === original[i]) return;
        out.push(raw.subarray(at, part.start), Buffer.from(texts[i]!));
        at = part.end;
      });
      out.push(raw.subarray(at));
      return Buffer.concat(out);
    },
  };
}
