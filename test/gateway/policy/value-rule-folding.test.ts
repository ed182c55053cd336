// A value rule matches the value as detectors see it: the same email in fullwidth forms or with
// invisible characters inside is the same value to the rule, as it is to the model.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postJson, type HttpResult } from '../../helpers/http.js';
import { startAdminRig, type AdminRig } from '../admin/rig.js';

const EMAIL = 'dana.fold@example.com';
const toFullwidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const codeOf = (res: HttpResult) => (res.json as { error?: { code?: string } }).error?.code;

describe('value rules and folded forms', () => {
  let rig: AdminRig;
  before(async () => {
    rig = await startAdminRig();
    const res = await rig.api('/admin/rules', { body: { match: { category: 'pii', value: EMAIL }, action: 'block', lifetime: { kind: 'always' } } });
    assert.equal(res.status, 201, res.text);
  });
  after(() => rig.close());

  const chat = (text: string) =>
    postJson(rig.gw.url, '/v1/chat/completions', { model: 'gpt-test', messages: [{ role: 'user', content: text }] }, { authorization: 'Bearer sk-client' });

  const variants: [string, string][] = [
    ['as written', EMAIL],
    ['in fullwidth forms', toFullwidth(EMAIL)],
    ['with a zero-width space in the local part', EMAIL.replace('.', '\u200b.')],
    ['with a soft hyphen and a word joiner', EMAIL.replace('fold', 'fo\u00adl\u2060d')],
  ];
  for (const [name, value] of variants) {
    it(`blocks the value ${name}`, async () => {
      const before = rig.fake.requests.length;
      const res = await chat(`write to ${value} please`);
      assert.equal(res.status, 400, res.text);
      assert.equal(codeOf(res), 'GW_ERR_POLICY_BLOCKED');
      assert.equal(rig.fake.requests.length, before, 'nothing forwarded');
    });
  }

  it('does not block a different value', async () => {
    const res = await chat(`write to ${toFullwidth('erin.fold@example.com')} please`);
    assert.equal(res.status, 200, res.text);
  });
});
