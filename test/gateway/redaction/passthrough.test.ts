// Other /v1/* paths: JSON bodies are redacted string by string (and restored on the way back); text
// bodies and text parts of multipart uploads are redacted in place; binary data is forwarded byte
// for byte only when nothing sensitive is in it, and otherwise refused with 422
// GW_ERR_SCAN_UNSUPPORTED_BODY before anything leaves.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { APIError, toFile } from 'openai';
import { send } from '../../helpers/http.js';
import { ALL_PARTS, ALL_PLANTS, partsWith, render, V } from './plants.js';
import { checkForwarded, startRedactionRig, type RedactionRig } from './rig.js';
import { Slots } from './upstream-checks.js';

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());
beforeEach(() => rig.fake.reset());

const BOUNDARY = '----aegis-test-7MA4YWxkTrZu0gW';

function multipart(fileText: string): Buffer {
  return Buffer.from(
    [
      `--${BOUNDARY}`,
      'Content-Disposition: form-data; name="purpose"',
      '',
      'batch',
      `--${BOUNDARY}`,
      'Content-Disposition: form-data; name="file"; filename="notes.jsonl"',
      'Content-Type: application/jsonl',
      '',
      fileText,
      `--${BOUNDARY}--`,
      '',
    ].join('\r\n'),
  );
}

describe('passthrough JSON', () => {
  it('POST /v1/embeddings: every input string is redacted; model and options are untouched', async () => {
    const slots = new Slots();
    const body = { model: 'text-embedding-3-small', input: [slots.text(ALL_PARTS), 'plain text', slots.text(partsWith('ask ', V.phone, V.custom))], encoding_format: 'float' as const };
    const res = await rig.openai.embeddings.create(body);
    assert.equal(res.data.length, 3);
    checkForwarded(rig, body, slots);
  });

  it('an unknown JSON path: redacted upstream, and the echoed body comes back restored', async () => {
    const slots = new Slots();
    const text = slots.text(partsWith('flag ', V.email, V.phone, V.github, V.custom));
    const body = { model: 'omni-moderation-latest', input: text, nested: { list: [text] } };
    const res = await rig.openai.post<{ body: string }>('/moderations/custom', { body });
    checkForwarded(rig, body, slots);
    // The fake answers with the body it received, as a string: restored, it is what the client sent.
    assert.deepEqual(JSON.parse(res.body), body);
  });
});

describe('non-JSON bodies', () => {
  it('a multipart upload whose text file carries a secret is redacted in place', async () => {
    const res = await send(rig.url, '/v1/files', {
      method: 'POST',
      body: multipart(`{"text":"${V.awsKey.value}"}`),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(res.status, 200, res.text);
    const got = rig.fake.requests[0]!.body.toString();
    assert.ok(!got.includes(V.awsKey.value));
    assert.match(got, /\{"text":"\[\[AWS_KEY_[0-9A-Z]{8}\]\]"\}/);
  });

  it('a multipart upload whose binary file carries a secret is refused with 422 and never forwarded', async () => {
    const res = await send(rig.url, '/v1/files', {
      method: 'POST',
      body: multipart(`{"text":"${V.awsKey.value}"}`).toString().replace('application/jsonl', 'application/octet-stream'),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(res.status, 422);
    assert.equal((res.json as { error: { code: string } }).error.code, 'GW_ERR_SCAN_UNSUPPORTED_BODY');
    for (const plant of ALL_PLANTS) assert.ok(!res.text.includes(plant.value), 'the error must not echo the value');
    assert.equal(rig.fake.requests.length, 0);
  });

  it('the same through the SDK (its own multipart encoding), with a PEM block in the file', async () => {
    const file = await toFile(Buffer.from(`{"key":${JSON.stringify(V.pem.value)}}\n`), 'keys.jsonl');
    await assert.rejects(
      rig.openai.files.create({ file, purpose: 'batch' }),
      (err: unknown) => err instanceof APIError && err.status === 422 && err.code === 'GW_ERR_SCAN_UNSUPPORTED_BODY',
    );
    assert.equal(rig.fake.requests.length, 0);
  });

  it('a multipart upload with nothing sensitive is forwarded byte for byte, but for placeholder-shaped text, escaped', async () => {
    const payload = multipart('{"text":"héllo 🎉 world, nothing to see [[EMAIL_ABCDEFGH]]"}');
    const res = await send(rig.url, '/v1/files', { method: 'POST', body: payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
    assert.equal(res.status, 200);
    assert.equal(rig.fake.requests.length, 1);
    const escaped = Buffer.from(payload.toString().replace('[[EMAIL_ABCDEFGH]]', '[[~EMAIL_ABCDEFGH]]'));
    assert.ok(rig.fake.requests[0]!.body.equals(escaped), 'only the escape changed on the way upstream');
    assert.equal(rig.fake.requests[0]!.path, '/v1/files');
  });

  it('text/plain with a deny term is redacted in place', async () => {
    const res = await send(rig.url, '/v1/files', { method: 'POST', body: `status of ${render([V.custom])}`, headers: { 'content-type': 'text/plain' } });
    assert.equal(res.status, 200, res.text);
    assert.match(rig.fake.requests[0]!.body.toString(), /^status of \[\[CODENAME_[0-9A-Z]{8}\]\]$/);
  });
});
