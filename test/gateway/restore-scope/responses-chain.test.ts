// Responses API conversations stored by the provider: a request continuing one with
// `previous_response_id` does not re-send the earlier turns, yet the model remembers them. The
// gateway records each response id with the placeholders its chain showed the model, so the
// continuation restores those (and only those, and only for the same client), across a restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, tempDir, type TestGateway } from '../../helpers/gateway.js';
import { REDACTION_CONFIG, V } from '../redaction/plants.js';
import { PLACEHOLDER_SOURCE } from '../redaction/upstream-checks.js';
import { replyText, responseId, sendTurn } from './shapes.js';
import { rmSync } from 'node:fs';

const EMAIL = V.email.value;
const EMAIL_TOKEN = new RegExp(PLACEHOLDER_SOURCE.replace('([A-Z][A-Z0-9_]{0,31})', 'EMAIL'));
const marked = (p: string) => `[[~${p.slice(2)}`;

let fake: FakeProvider;
let gw: TestGateway;
const dataDir = tempDir();
before(async () => {
  fake = await startFakeProvider();
  gw = await startTestGateway(fake.url, REDACTION_CONFIG, { dataDir });
});
after(async () => {
  await gw.close();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Turn 1: the email is shown to the model; returns the response id and the placeholder. */
async function firstTurn(stream: boolean): Promise<{ id: string; p: string }> {
  fake.tamper(undefined);
  const res = await sendTurn(gw.url, 'responses', { text: `mail ${EMAIL}`, stream });
  assert.equal(replyText('responses', res), `echo: mail ${EMAIL}`);
  const p = EMAIL_TOKEN.exec(fake.requests.at(-1)!.body.toString('utf8'))?.[0];
  assert.ok(p);
  return { id: responseId(res), p };
}

for (const stream of [false, true]) {
  describe(`previous_response_id, ${stream ? 'SSE' : 'JSON'}`, () => {
    it('a continuation restores what its chain showed; the same text without the chain does not', async () => {
      const { id, p } = await firstTurn(stream);
      fake.tamper({ appendText: ` ${p}` });
      const next = await sendTurn(gw.url, 'responses', { text: 'and?', previousResponseId: id, stream });
      assert.equal(replyText('responses', next), `echo: and? ${EMAIL}`);
      // Two links on: turn 2 showed nothing new, its id still carries turn 1's placeholders.
      const third = await sendTurn(gw.url, 'responses', { text: 'more', previousResponseId: responseId(next), stream });
      assert.equal(replyText('responses', third), `echo: more ${EMAIL}`);
      // No chain, or a chain this client does not own, or an unknown id: marked, never restored.
      const alone = await sendTurn(gw.url, 'responses', { text: 'and?', stream: false });
      assert.equal(replyText('responses', alone), `echo: and? ${marked(p)}`);
      const otherApp = await sendTurn(gw.url, 'responses', { text: 'and?', previousResponseId: id, stream: false, headers: { 'user-agent': 'OtherApp/1.0' } });
      assert.ok(!otherApp.text.includes(EMAIL));
      const unknown = await sendTurn(gw.url, 'responses', { text: 'and?', previousResponseId: 'resp_unknown', stream: false });
      assert.equal(replyText('responses', unknown), `echo: and? ${marked(p)}`);
    });
  });
}

it('the chain survives a restart of the gateway', async () => {
  const { id, p } = await firstTurn(false);
  await gw.close();
  gw = await startTestGateway(fake.url, REDACTION_CONFIG, { dataDir });
  fake.tamper({ appendText: ` ${p}` });
  const next = await sendTurn(gw.url, 'responses', { text: 'and?', previousResponseId: id, stream: true });
  assert.equal(replyText('responses', next), `echo: and? ${EMAIL}`);
});
