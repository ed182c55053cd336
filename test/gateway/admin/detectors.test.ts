// GET /admin/detectors lists the scanner's own detectors (the dashboard's switches come from it),
// and switching one off through PUT /admin/config takes effect on the next request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { DetectorListSchema, type DetectorList } from '../../../gateway/admin/contract.js';
import { BUILTIN_DETECTORS } from '../../../gateway/scan/index.js';
import { seededString } from '../../helpers/seeded.js';
import { chat, startAdminRig, type AdminRig } from './rig.js';

const cookieLine = `Cookie: sessionid=${seededString('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 32, 401)}`;

describe('admin detectors', () => {
  let rig: AdminRig;
  before(async () => (rig = await startAdminRig({ policy: { preset: 'permissive' } })));
  after(() => rig.close());

  it('lists every built-in detector, in scan order, with its category, kind and what it looks for', async () => {
    const res = await rig.api('/admin/detectors');
    assert.equal(res.status, 200);
    assert.ok(Value.Check(DetectorListSchema, res.json), res.text);
    const { detectors } = res.json as DetectorList;
    assert.deepEqual(detectors.map((d) => d.id), BUILTIN_DETECTORS.map((d) => d.id));
    for (const id of ['http-auth', 'cookie', 'webhook-url', 'url-query-secret', 'google-oauth', 'seed-phrase', 'crypto-private-key']) {
      assert.ok(detectors.some((d) => d.id === id && d.category === 'secret' && d.anchor.length > 0), id);
    }
  });

  it('needs the admin credential like every admin route', async () => {
    const res = await rig.api('/admin/detectors', { headers: { authorization: 'Bearer wrong' } });
    assert.equal(res.status, 401);
  });

  it('a detector switched off finds nothing from the next request on; switched on again, it does', async () => {
    await chat(rig, cookieLine);
    assert.ok(!rig.fake.requests.at(-1)!.body.toString().includes(cookieLine), 'redacted while on');
    const off = await rig.api('/admin/config', { method: 'PUT', body: { scan: { disabled: ['cookie'] } } });
    assert.equal(off.status, 200, off.text);
    await chat(rig, cookieLine);
    assert.ok(rig.fake.requests.at(-1)!.body.toString().includes(cookieLine), 'forwarded as is while off');
    const on = await rig.api('/admin/config', { method: 'PUT', body: { scan: { disabled: [] } } });
    assert.equal(on.status, 200, on.text);
    await chat(rig, cookieLine);
    assert.ok(!rig.fake.requests.at(-1)!.body.toString().includes(cookieLine));
  });
});
