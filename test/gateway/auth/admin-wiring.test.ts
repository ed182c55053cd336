// Changes made through the admin API reach the auth caches at once (through the bus events), not
// after the caches' TTL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postJson } from '../../helpers/http.js';
import { startAdminRig, type AdminRig } from '../admin/rig.js';

const REAL = 'sk-proj-admin-wired-real-key-0123456789';
const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

describe('auth follows the admin API immediately', () => {
  let rig: AdminRig;
  before(async () => {
    rig = await startAdminRig();
  });
  after(() => rig.close());
  const proxy = (authorization: string) => postJson(rig.gw.url, '/v1/chat/completions', body, { authorization });

  it('managed key set, client key revoked, managed key cleared: each applies to the very next request', async () => {
    const created = await rig.api('/admin/keys', { method: 'POST', body: { name: 'laptop', app: 'codex' } });
    assert.equal(created.status, 201, created.text);
    const { id, key } = created.json as { id: string; key: string };

    // Passthrough first (the cache holds "no managed key" for the next 5 s).
    rig.fake.reset();
    assert.equal((await proxy('Bearer sk-own')).status, 200);
    assert.equal(rig.fake.requests[0]!.headers.authorization, 'Bearer sk-own');

    const put = await rig.api('/admin/providers/openai/key', { method: 'PUT', body: { key: REAL } });
    assert.equal(put.status, 200, put.text);
    rig.fake.reset();
    assert.equal((await proxy('Bearer sk-own')).status, 401, 'managed now: the own key is no longer enough');
    assert.equal((await proxy(`Bearer ${key}`)).status, 200);
    assert.equal(rig.fake.requests[0]!.headers.authorization, `Bearer ${REAL}`);

    assert.equal((await rig.api(`/admin/keys/${id}`, { method: 'DELETE' })).status < 300, true);
    const revoked = await proxy(`Bearer ${key}`);
    assert.equal(revoked.status, 401);
    assert.equal(revoked.headers['x-aegis-error'], 'GW_ERR_AUTH_INVALID_KEY');

    assert.ok((await rig.api('/admin/providers/openai/key', { method: 'DELETE' })).status < 300);
    rig.fake.reset();
    assert.equal((await proxy('Bearer sk-own')).status, 200, 'passthrough again');
    assert.equal(rig.fake.requests[0]!.headers.authorization, 'Bearer sk-own');
  });
});
