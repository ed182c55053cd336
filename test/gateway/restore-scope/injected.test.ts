// Restoration scope, end to end: a response may restore only the placeholders this exchange showed
// the model. An upstream that repeats an old placeholder (from an earlier request of the same app)
// gets it back marked with one `~`, never as the value; the same placeholder re-sent in the history
// (the client re-sends its earlier turns, restored, so they are redacted to it again) is restored.
// All three API shapes, JSON and SSE, text and tool-call arguments.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startRedactionRig, type RedactionRig } from '../redaction/rig.js';
import { V } from '../redaction/plants.js';
import { PLACEHOLDER_SOURCE } from '../redaction/upstream-checks.js';
import { replyText, replyToolArgs, sendTurn, SHAPES, type Shape } from './shapes.js';

const EMAIL = V.email.value;
const PHONE = V.phone.value;
const EMAIL_TOKEN = new RegExp(PLACEHOLDER_SOURCE.replace('([A-Z][A-Z0-9_]{0,31})', 'EMAIL'));
const marked = (p: string) => `[[~${p.slice(2)}`;

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());
beforeEach(() => rig.fake.reset());

/** An earlier request carrying the email: the placeholder upstream saw for it. */
async function earlierPlaceholder(shape: Shape): Promise<string> {
  const res = await sendTurn(rig.url, shape, { text: `mail ${EMAIL}` });
  assert.equal(replyText(shape, res), `echo: mail ${EMAIL}`);
  const upstream = rig.fake.requests.at(-1)!.body.toString('utf8');
  assert.ok(!upstream.includes(EMAIL));
  const p = EMAIL_TOKEN.exec(upstream)?.[0];
  assert.ok(p, 'the email went upstream as a placeholder');
  return p;
}

for (const shape of SHAPES) {
  for (const stream of [false, true]) {
    describe(`${shape}, ${stream ? 'SSE' : 'JSON'}`, () => {
      it('an old placeholder injected into the text stays unrestored, marked with one ~', async () => {
        const p = await earlierPlaceholder(shape);
        rig.fake.tamper({ appendText: ` ${p}` });
        // This request shows the model another value (so a stream is restored event by event).
        const res = await sendTurn(rig.url, shape, { text: `call ${PHONE}`, stream, headers: { 'x-fake-chunk': '3' } });
        assert.equal(replyText(shape, res), `echo: call ${PHONE} ${marked(p)}`);
        assert.ok(!res.text.includes(EMAIL), 'the value of a placeholder this request did not show came back');
      });

      it('a request that showed nothing gets no value back either', async () => {
        const p = await earlierPlaceholder(shape);
        rig.fake.tamper({ appendText: ` ${p}` });
        const res = await sendTurn(rig.url, shape, { text: 'hello', stream });
        assert.ok(!res.text.includes(EMAIL));
        // JSON is marked; a stream with nothing to restore and no tools is relayed byte for byte.
        assert.equal(replyText(shape, res), `echo: hello ${stream ? p : marked(p)}`);
      });

      it('the same placeholder re-sent in the history is restored', async () => {
        const p = await earlierPlaceholder(shape);
        rig.fake.tamper({ appendText: ` ${p}` });
        const res = await sendTurn(rig.url, shape, { history: [[`mail ${EMAIL}`, `echo: mail ${EMAIL}`]], text: 'hello', stream, headers: { 'x-fake-chunk': '3' } });
        assert.ok(rig.fake.requests.at(-1)!.body.toString('utf8').includes(p), 'the model was shown the placeholder');
        assert.equal(replyText(shape, res), `echo: hello ${EMAIL}`);
      });

      it('tool-call arguments: injected stays marked, shown is restored', async () => {
        const p = await earlierPlaceholder(shape);
        rig.fake.tamper({ appendText: ` ${p}` });
        const opts = { stream, tool: 'lookup', headers: { 'x-fake-scenario': 'tool-call', 'x-fake-chunk': '2' } };
        const injected = await sendTurn(rig.url, shape, { ...opts, text: 'hello' });
        assert.equal((JSON.parse(replyToolArgs(shape, injected)) as { echo: string }).echo, `hello ${marked(p)}`);
        const shown = await sendTurn(rig.url, shape, { ...opts, history: [[`mail ${EMAIL}`, 'ok']], text: 'hello' });
        assert.equal((JSON.parse(replyToolArgs(shape, shown)) as { echo: string }).echo, `hello ${EMAIL}`);
      });
    });
  }
}

describe('a marked placeholder sent back by the client', () => {
  it('stays text: upstream gets it escaped once more, and the client gets exactly what it sent', async () => {
    const p = await earlierPlaceholder('chat');
    rig.fake.tamper({ appendText: ` ${p}` });
    const first = replyText('chat', await sendTurn(rig.url, 'chat', { text: 'hello' }));
    assert.equal(first, `echo: hello ${marked(p)}`);
    // The client pastes what it got (and the bare token too) into its next message.
    const sent = `${first} / ${p}`;
    const again = replyText('chat', await sendTurn(rig.url, 'chat', { text: sent }));
    const upstream = rig.fake.requests.at(-1)!.body.toString('utf8');
    assert.ok(upstream.includes(`[[~~${p.slice(2)}`) && upstream.includes(marked(p)));
    assert.ok(!upstream.includes(`${p}`), 'no live placeholder went upstream');
    assert.equal(again, `echo: ${sent} ${marked(p)}`);
  });
});
