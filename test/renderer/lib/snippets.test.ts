import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snippets, type SnippetContext } from '../../../renderer/lib/snippets.js';

const base: SnippetContext = { baseUrl: 'http://127.0.0.1:18080/', key: undefined, openaiManaged: false, anthropicManaged: false, requireClientKey: false };
const byId = (ctx: SnippetContext) => Object.fromEntries(snippets(ctx).map((s) => [s.id, s.code]));

describe('connect snippets', () => {
  it('cover every tool, with the real URL and no trailing slash', () => {
    const s = byId(base);
    assert.deepEqual(Object.keys(s), ['claude-code', 'codex', 'cursor', 'openai-python', 'openai-node', 'anthropic', 'curl']);
    assert.match(s['claude-code'], /^export ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:18080$/m);
    assert.match(s.codex, /base_url = "http:\/\/127\.0\.0\.1:18080\/v1"/);
    assert.match(s['openai-node'], /baseURL: 'http:\/\/127\.0\.0\.1:18080\/v1'/);
    assert.match(s.anthropic, /base_url="http:\/\/127\.0\.0\.1:18080"/);
    assert.ok(!JSON.stringify(s).includes('18080//'));
  });

  it('in passthrough keep the tool’s own provider key and send the client key as x-aegis-key', () => {
    const s = byId({ ...base, key: { value: 'agk_abc', hint: '<key>' } });
    assert.match(s['openai-python'], /api_key=os\.environ\["OPENAI_API_KEY"\]/);
    assert.match(s['openai-python'], /"x-aegis-key": "agk_abc"/);
    assert.match(s['claude-code'], /ANTHROPIC_CUSTOM_HEADERS="x-aegis-key: agk_abc"/);
    assert.match(s.curl, /-H "x-aegis-key: agk_abc"/);
    assert.match(s.curl, /Bearer \$OPENAI_API_KEY/);
  });

  it('with a managed key use the client key as the API key and send no extra header', () => {
    const s = byId({ ...base, openaiManaged: true, anthropicManaged: true, key: { value: 'agk_abc', hint: '<key>' } });
    assert.match(s['openai-node'], /apiKey: 'agk_abc'/);
    assert.match(s['claude-code'], /ANTHROPIC_API_KEY=agk_abc/);
    assert.ok(!Object.values(s).some((code) => code.includes('x-aegis-key')));
    assert.ok(!s['openai-python'].includes('import os'));
  });

  it('show a placeholder for a key whose value this window never saw', () => {
    const s = byId({ ...base, key: { hint: '<key “laptop”>' } });
    assert.match(s.curl, /x-aegis-key: <key “laptop”>/);
  });

  it('without a chosen key send none, unless the gateway requires one', () => {
    assert.ok(!Object.values(byId(base)).some((code) => code.includes('x-aegis-key')));
    assert.match(byId({ ...base, requireClientKey: true }).curl, /x-aegis-key: <client key>/);
  });
});
