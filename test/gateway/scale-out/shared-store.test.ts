// Two gateways on one PostgreSQL store and one shared key file: what one mints or stores, the other
// reads; an instance with another key refuses to start.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startPostgres, type PgServer } from '../../helpers/pg-server.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { PERMISSIVE, sharedKeyFile, startInstances } from './rig.js';

let pg: PgServer;
let fake: FakeProvider;
let key: ReturnType<typeof sharedKeyFile>;
let storeUrl: string;
let a: TestGateway;
let b: TestGateway;

before(async () => {
  [pg, fake] = await Promise.all([startPostgres(), startFakeProvider()]);
  key = sharedKeyFile();
  storeUrl = await pg.createDatabase();
  [a, b] = await startInstances(2, fake.url, { storeUrl, keyFile: key.path }, PERMISSIVE);
});
after(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await fake.close();
  pg.destroy();
  key.remove();
});

const client = (gw: TestGateway) => new OpenAI({ apiKey: 'sk-test', baseURL: `${gw.url}/v1`, maxRetries: 0 });

test('a placeholder minted on A is the same on B, and B restores it in the next turn', async () => {
  fake.reset();
  const secret = 'Contact maria.keller@northwind-example.de about Project Bluebird';
  const first = await client(a).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: secret }] });
  const answer = first.choices[0]!.message.content!;
  assert.equal(answer, `echo: ${secret}`);
  const second = await client(b).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: secret }, { role: 'assistant', content: answer }, { role: 'user', content: `again: ${secret}` }],
  });
  assert.equal(second.choices[0]!.message.content!, `echo: again: ${secret}`);
  const [upA, upB] = fake.requests.map((r) => r.body.toString('utf8'));
  assert.ok(!upA!.includes('maria.keller') && !upB!.includes('maria.keller'), 'the value reached upstream');
  const turn1 = upA!.slice(0, upA!.lastIndexOf(']'));
  assert.ok(upB!.startsWith(turn1), 'B sent turn 1 with other placeholders: the prefix (and prompt cache) broke');
});

test('both instances accept the same admin token, derived from the shared key', () => {
  const tokenA = readFileSync(join(a.dataDir, 'admin-token'), 'utf8');
  assert.equal(readFileSync(join(b.dataDir, 'admin-token'), 'utf8'), tokenA);
  assert.match(tokenA.trim(), /^[A-Za-z0-9_-]{43}$/);
});

test('a client key created through A authenticates on B', async () => {
  const token = readFileSync(join(a.dataDir, 'admin-token'), 'utf8').trim();
  const res = await fetch(`${a.url}/admin/keys`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ci', app: 'codex' }),
  });
  assert.equal(res.status, 201);
  const { key: created } = (await res.json()) as { key: string };
  assert.ok(await b.store.clientKeys.verify(created));
  const list = await fetch(`${b.url}/admin/keys`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(list.status, 200);
  assert.match(await list.text(), /"name":"ci"/);
});

test('an instance with another master key refuses to start, naming the problem', async () => {
  const other = sharedKeyFile();
  try {
    await assert.rejects(
      startTestGateway(fake.url, { store: { url: storeUrl, masterKeyFile: other.path } }),
      /master key mismatch.*--master-key-file/,
    );
    // Without a key file the data dir's own fresh key differs too.
    await assert.rejects(startTestGateway(fake.url, { store: { url: storeUrl } }), /master key mismatch/);
  } finally {
    other.remove();
  }
});
