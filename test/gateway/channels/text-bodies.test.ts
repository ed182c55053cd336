// Bodies that are not JSON: a text or NDJSON body, and the text parts of a multipart upload, are
// redacted in place (everything else byte for byte); binary data with a finding is refused with
// GW_ERR_SCAN_UNSUPPORTED_BODY, since no placeholder can go into an image or an archive.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { send, type HttpResult } from '../../helpers/http.js';
import { startProxyRig, type ProxyRig } from '../../helpers/proxy-rig.js';
import { REDACTION_CONFIG, V } from '../redaction/plants.js';

const EMAIL = V.email.value;
const GITHUB = V.github.value;
const BOUNDARY = '----aegis-test-7MA4YWxkTrZu0gW';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe, 0x80]);

interface FormPart {
  name: string;
  filename?: string;
  type?: string;
  body: string | Buffer;
}

function multipart(parts: FormPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n`;
    if (p.type) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(p.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const upload = (rig: ProxyRig, path: string, body: Buffer | string, type: string): Promise<HttpResult> =>
  send(rig.url, path, { method: 'POST', body, headers: { 'content-type': type, authorization: 'Bearer sk-test' } });

describe('text and multipart bodies', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: REDACTION_CONFIG });
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-ndjson', 'text/csv']) {
    it(`a ${type} body is redacted in place, the rest byte for byte`, async () => {
      const text = `{"custom_id":"1","body":"mail ${EMAIL}"}\n{"custom_id":"2","body":"token ${GITHUB} — ünïcödé"}\n`;
      const res = await upload(rig, '/v1/files', text, type);
      assert.equal(res.status, 200, res.text);
      const got = rig.openai.requests[0]!.body.toString('utf8');
      assert.ok(!got.includes(EMAIL) && !got.includes(GITHUB));
      assert.match(got, /^\{"custom_id":"1","body":"mail \[\[EMAIL_[0-9A-Z]{8}\]\]"\}\n\{"custom_id":"2","body":"token \[\[GITHUB_TOKEN_[0-9A-Z]{8}\]\] — ünïcödé"\}\n$/);
      assert.equal(rig.openai.requests[0]!.headers['content-length'], String(Buffer.byteLength(got)));
      assert.equal(Number(res.headers['x-aegis-redactions']), 2);
    });
  }

  it('a clean text body goes out byte for byte', async () => {
    const res = await upload(rig, '/v1/files', 'nothing to see\r\n', 'text/plain');
    assert.equal(res.status, 200, res.text);
    assert.equal(rig.openai.requests[0]!.body.toString(), 'nothing to see\r\n');
  });

  it('multipart: text fields and text files are redacted in place; binary parts and the framing are kept', async () => {
    const body = multipart([
      { name: 'purpose', body: 'batch' },
      { name: 'note', body: `owner ${EMAIL}` },
      { name: 'file', filename: 'batch.jsonl', type: 'application/jsonl', body: `{"prompt":"use ${GITHUB}"}\n` },
      { name: 'image', filename: 'x.png', type: 'image/png', body: PNG },
    ]);
    const res = await upload(rig, '/v1/files', body, `multipart/form-data; boundary=${BOUNDARY}`);
    assert.equal(res.status, 200, res.text);
    const got = rig.openai.requests[0]!.body;
    assert.equal(got.indexOf(EMAIL), -1);
    assert.equal(got.indexOf(GITHUB), -1);
    assert.ok(got.indexOf(PNG) !== -1, 'binary part intact');
    const text = got.toString('latin1');
    assert.match(text, /name="note"\r\n\r\nowner \[\[EMAIL_[0-9A-Z]{8}\]\]\r\n--/);
    assert.match(text, /\{"prompt":"use \[\[GITHUB_TOKEN_[0-9A-Z]{8}\]\]"\}\n\r\n--/);
    assert.ok(text.includes(`name="purpose"\r\n\r\nbatch\r\n--${BOUNDARY}`));
    assert.ok(text.endsWith(`--${BOUNDARY}--\r\n`));
  });

  it('a clean multipart upload goes out byte for byte', async () => {
    const body = multipart([{ name: 'purpose', body: 'assistants' }, { name: 'file', filename: 'x.png', type: 'image/png', body: PNG }]);
    const res = await upload(rig, '/v1/files', body, `multipart/form-data; boundary="${BOUNDARY}"`);
    assert.equal(res.status, 200, res.text);
    assert.ok(rig.openai.requests[0]!.body.equals(body));
  });

  describe('refused when a finding sits in data no placeholder can go into', () => {
    const refused = (res: HttpResult) => {
      assert.equal(res.status, 422, res.text);
      assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_SCAN_UNSUPPORTED_BODY');
    };

    it('a binary part, a file part sent as octet-stream, or a part header (the file name)', async () => {
      for (const part of [
        { name: 'file', filename: 'x.bin', type: 'application/octet-stream', body: Buffer.concat([PNG, Buffer.from(` ${EMAIL} `)]) },
        { name: 'file', filename: 'notes.txt', type: 'application/octet-stream', body: `mail ${EMAIL}` },
        { name: 'file', filename: `${EMAIL} scan.png`, type: 'image/png', body: PNG },
      ]) refused(await upload(rig, '/v1/files', multipart([{ name: 'purpose', body: 'batch' }, part]), `multipart/form-data; boundary=${BOUNDARY}`));
      assert.equal(rig.openai.requests.length, 0);
    });

    it('a text body in another charset, and an octet-stream body', async () => {
      refused(await upload(rig, '/v1/files', Buffer.from(`mail ${EMAIL} caf\xe9`, 'latin1'), 'text/plain; charset=iso-8859-1'));
      refused(await upload(rig, '/v1/audio/transcriptions', Buffer.from(`RIFF ${EMAIL}`), 'application/octet-stream'));
      assert.equal(rig.openai.requests.length, 0);
    });
  });
});
