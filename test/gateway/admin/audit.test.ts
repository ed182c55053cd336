// GET /admin/audit (newest first, keyset-paged, every filter) and GET /admin/audit/export (NDJSON,
// oldest first, across store pages), against audit events of real proxied exchanges.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Value } from '@sinclair/typebox/value';
import { AuditEventSchema, AuditPageSchema, type AuditPage } from '../../../gateway/admin/contract.js';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { newEventId } from '../../../gateway/audit/id.js';
import { postJson } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';
import { chat, startAdminRig, type AdminRig } from './rig.js';

describe('admin audit listing and export', () => {
  let rig: AdminRig;
  const ev: Record<'a' | 'b' | 'c' | 'd' | 'e', AuditEvent> = {} as never;
  let mark: number;

  const page = async (query: string): Promise<AuditPage> => {
    const res = await rig.api(`/admin/audit${query}`);
    assert.equal(res.status, 200, res.text);
    assert.ok(Value.Check(AuditPageSchema, res.json), res.text);
    return res.json as AuditPage;
  };
  const listed = async (query: string) => (await page(query)).events.map((e) => e.id);
  const idsOf = (...keys: (keyof typeof ev)[]) => keys.map((k) => ev[k].id);

  before(async () => {
    rig = await startAdminRig();
    ev.a = await chat(rig, 'hello from a', { 'user-agent': 'tool-a/1.0' });
    ev.b = await chat(rig, 'mail alice@example.com please', { 'user-agent': 'tool-b/2.0' });
    await sleep(25);
    mark = Date.now();
    await sleep(5);
    ev.c = await chat(rig, 'hello anthropic', { 'user-agent': 'tool-a/1.0' }, '/anthropic/v1/messages');
    const before = rig.audits.length;
    const refused = await postJson(rig.gw.url, '/v1/chat/completions', '{"model":"m"}', { 'content-type': 'text/plain', 'user-agent': 'tool-b/2.0' });
    assert.equal(refused.status, 415);
    await waitUntil(() => rig.audits.length > before, 'the refused exchange');
    ev.d = rig.audits[before];
    ev.e = await chat(rig, 'hello again', { 'user-agent': 'tool-a/1.0' });
    await rig.gw.store.audit.flush();
    assert.equal(ev.b.decision, 'redacted');
    assert.equal(ev.d.decision, 'blocked');
  });
  after(() => rig.close());

  it('lists newest first and pages with a keyset cursor, no overlap, no gap', async () => {
    assert.deepEqual(await listed(''), idsOf('e', 'd', 'c', 'b', 'a'));
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const p = await page(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(p.events.map((e) => e.id));
      cursor = p.nextCursor;
    } while (cursor);
    assert.deepEqual(pages, [idsOf('e', 'd'), idsOf('c', 'b'), idsOf('a')]);
    // Paging is stable while new events arrive: they are newer than any cursor.
    const first = await page('?limit=2');
    await chat(rig, 'arrives between pages', { 'user-agent': 'tool-z/1' });
    assert.deepEqual((await page(`?limit=2&cursor=${first.nextCursor}`)).events.map((e) => e.id), idsOf('c', 'b'));
  });

  it('filters by client, decision, category and provider', async () => {
    assert.deepEqual(await listed('?client=tool-a'), idsOf('e', 'c', 'a'));
    assert.deepEqual(await listed('?client=tool-b'), idsOf('d', 'b'));
    assert.deepEqual(await listed('?decision=redacted'), idsOf('b'));
    assert.deepEqual(await listed('?decision=blocked'), idsOf('d'));
    assert.deepEqual(await listed('?category=pii'), idsOf('b'));
    assert.deepEqual(await listed('?category=nothing-like-this'), []);
    assert.deepEqual(await listed('?provider=anthropic'), idsOf('c'));
    assert.deepEqual(await listed('?provider=openai&client=tool-a'), idsOf('e', 'a'));
  });

  it('searches case-insensitively over app, route, ids and error codes; filters by status class and error kind', async () => {
    assert.deepEqual(await listed(`?client=TOOL-&until=${ev.e.time + 1}`), idsOf('e', 'd', 'c', 'b', 'a'), 'client is a case-insensitive substring');
    assert.deepEqual(await listed('?q=Tool-A'), idsOf('e', 'c', 'a'));
    assert.deepEqual(await listed('?q=ANTHROPIC'), idsOf('c'));
    assert.deepEqual(await listed(`?q=${ev.b.id.slice(-10)}`), idsOf('b'), 'an event id');
    assert.deepEqual(await listed('?q=gw_err_body_media'), idsOf('d'), 'an error code');
    assert.deepEqual(await listed('?status=4xx'), idsOf('d'));
    assert.deepEqual(await listed('?status=2xx&client=tool-b'), idsOf('b'));
    assert.deepEqual(await listed('?error=any'), idsOf('d'));
    assert.deepEqual(await listed('?error=rate_limited'), []);
    assert.deepEqual(await listed('?held=true'), [], 'none was held');
    assert.equal((await listed('?held=false')).length, 6);
    for (const bad of ['?status=6xx', '?error=maybe', '?q=']) assert.equal((await rig.api(`/admin/audit${bad}`)).status, 400, bad);
  });

  it('filters by time: since and until as ISO 8601 or epoch ms', async () => {
    const iso = new Date(mark).toISOString();
    assert.deepEqual(await listed(`?since=${mark}&client=tool-a`), idsOf('e', 'c'));
    assert.deepEqual(await listed(`?since=${encodeURIComponent(iso)}&until=${ev.e.time}`), idsOf('d', 'c'));
    assert.deepEqual(await listed(`?until=${encodeURIComponent(iso)}`), idsOf('b', 'a'));
    assert.deepEqual(await listed(`?until=${mark}&decision=redacted`), idsOf('b'));
    assert.deepEqual(await listed('?since=1h&client=tool-b'), idsOf('d', 'b'));
  });

  it('refuses bad queries with 400 GW_ERR_ADMIN_BAD_REQUEST naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['?limit=0', /'limit'/],
      ['?limit=501', /'limit'.*500/],
      ['?limit=ten', /'limit'/],
      ['?decision=maybe', /'decision'.*expected one of forwarded, redacted/],
      ['?since=yesterday', /'since'/],
      ['?until=2026-13-45', /'until'/],
      ['?colour=blue', /'colour'/],
      ['?cursor=not-a-cursor', /'cursor'/],
    ];
    for (const [query, field] of cases) {
      const res = await rig.api(`/admin/audit${query}`);
      assert.equal(res.status, 400, query);
      const err = (res.json as { error: { code: string; message: string } }).error;
      assert.equal(err.code, 'GW_ERR_ADMIN_BAD_REQUEST', query);
      assert.match(err.message, field, query);
    }
    assert.equal((await rig.api('/admin/audit?limit=500')).status, 200);
  });

  it('exports NDJSON, oldest first, filtered by since/until', async () => {
    const res = await rig.api(`/admin/audit/export?until=${ev.e.time + 1}`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/x-ndjson/);
    assert.ok(res.text.endsWith('\n'));
    const lines = res.text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    for (const e of lines) assert.ok(Value.Check(AuditEventSchema, e));
    assert.deepEqual(lines.map((e) => e.id), idsOf('a', 'b', 'c', 'd', 'e'));
    assert.deepEqual(lines[1], ev.b);

    const since = await rig.api(`/admin/audit/export?since=${mark}&until=${ev.e.time}`);
    assert.deepEqual(since.text.trimEnd().split('\n').map((l) => (JSON.parse(l) as AuditEvent).id), idsOf('c', 'd'));
    const none = await rig.api('/admin/audit/export?since=2001-01-01&until=2001-01-02');
    assert.equal(none.status, 200);
    assert.equal(none.text, '');
    assert.equal((await rig.api('/admin/audit/export?since=never')).status, 400);
  });

  it('exports across store pages to a slow reader, in order, nothing lost', async () => {
    const base = Date.parse('2020-01-01T00:00:00Z');
    const n = 2345;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = newEventId(base + i);
      ids.push(id);
      const event: AuditEvent = { ...ev.a, id, time: base + i };
      assert.ok(rig.gw.store.audit.enqueue(event));
    }
    await rig.gw.store.audit.flush();
    const url = new URL(`/admin/audit/export?since=${base}&until=${base + n}`, rig.gw.url);
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(url, { headers: { authorization: `Bearer ${rig.token}` }, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.pause();
        // Read nothing for a while, then slowly: the server must wait, not fail or drop lines.
        setTimeout(() => {
          let chunks = 0;
          res.on('data', (d: string) => {
            body += d;
            if (++chunks % 4 !== 0) return;
            res.pause();
            setTimeout(() => res.resume(), 20);
          });
          res.resume();
        }, 200);
        res.on('end', () => resolve(body));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    const got = text.trimEnd().split('\n').map((l) => (JSON.parse(l) as AuditEvent).id);
    assert.equal(got.length, n);
    assert.deepEqual(got, ids);
  });
});
