import { startFakeProvider } from '../../fake-provider/index.js';
const fake = await startFakeProvider();
const text = 'é🎉中文 [[EMAIL_ABCDEFGH]] 🎉 [[ANTHROPIC_KEY_ABCDEFGH]] 漢字\n[[PRIVATE_KEY_ABCDEFGH]]\n😀 [[CODENAME_ABCDEFGH]] ñ';
const bodies = {
  '/v1/chat/completions': { model: 'm', stream: true, messages: [{ role: 'user', content: text }] },
  '/v1/responses': { model: 'm', stream: true, input: text },
  '/v1/messages': { model: 'm', max_tokens: 10, stream: true, messages: [{ role: 'user', content: text }] },
};
for (const chunk of ['4', '16', '32']) for (const sc of ['ok', 'tool-call']) for (const [path, b] of Object.entries(bodies)) {
  const r = await fetch(fake.url + path, { method: 'POST', body: JSON.stringify(b), headers: { 'content-type': 'application/json', 'x-fake-chunk': chunk, 'x-fake-scenario': sc } });
  const t = await r.text();
  console.log(chunk, sc, path, t.length);
}
await fake.close();
