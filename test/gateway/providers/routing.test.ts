// The pure parts of provider routing: model-map globs, the model map's choice, Azure paths, the
// config's provider rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigError, resolveConfig } from '../../../gateway/config/load.js';
import { azurePath } from '../../../gateway/providers/azure.js';
import { chooseModel, globTest } from '../../../gateway/providers/model-map.js';

describe('model-map globs', () => {
  it('a glob without wildcards matches exactly itself, regex characters included', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/[*?]/.test(s)), fc.string(), (glob, other) => {
      const test = globTest(glob);
      assert.equal(test(glob), true);
      assert.equal(test(other), other === glob);
    }));
  });

  it('`prefix*` matches exactly the names that start with the prefix; `?` is one character', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/[*?]/.test(s)), fc.string(), (prefix, rest) => {
      assert.equal(globTest(`${prefix}*`)(prefix + rest), true);
      assert.equal(globTest(`${prefix}*`)(rest), rest.startsWith(prefix));
    }));
    assert.equal(globTest('claude-?-haiku')('claude-3-haiku'), true);
    assert.equal(globTest('claude-?-haiku')('claude-35-haiku'), false);
    assert.equal(globTest('gpt-4.1')('gpt-411'), false, 'a dot is literal');
  });

  it('first match wins; an explicit route only takes renames for its own provider', () => {
    const routes = [
      { match: 'claude-*', provider: 'anthropic' },
      { match: 'llama3*', provider: 'ollama', model: 'llama3.2:8b' },
      { match: '*', provider: 'openrouter' },
    ];
    assert.deepEqual(chooseModel(routes, 'claude-sonnet-4', 'openai', false), { provider: 'anthropic', model: 'claude-sonnet-4' });
    assert.deepEqual(chooseModel(routes, 'llama3.1', 'openai', false), { provider: 'ollama', model: 'llama3.2:8b' });
    assert.deepEqual(chooseModel(routes, 'gpt-4o', 'openai', false), { provider: 'openrouter', model: 'gpt-4o' });
    assert.deepEqual(chooseModel(routes, 'llama3.1', 'ollama', true), { provider: 'ollama', model: 'llama3.2:8b' });
    assert.equal(chooseModel(routes, 'claude-sonnet-4', 'ollama', true), undefined);
    assert.equal(chooseModel([], 'x', 'openai', false), undefined);
  });
});

describe('Azure OpenAI paths', () => {
  it('chat completions go to the deployment with the configured api-version, the client query kept', () => {
    assert.equal(azurePath('openai-chat', '/v1/chat/completions', 'prod gpt', '2024-10-21'), '/openai/deployments/prod%20gpt/chat/completions?api-version=2024-10-21');
    assert.equal(azurePath('openai-chat', '/v1/chat/completions?x=1&api-version=old', 'd', '2025-01-01'), '/openai/deployments/d/chat/completions?x=1&api-version=2025-01-01');
    assert.equal(azurePath('openai-chat', '/v1/chat/completions?api-version=2024-06-01', 'd', undefined), '/openai/deployments/d/chat/completions?api-version=2024-06-01');
    assert.match(azurePath('openai-chat', '/v1/chat/completions', 'd', undefined), /api-version=\d{4}-\d{2}-\d{2}$/);
  });

  it('other paths go to the v1 API surface', () => {
    assert.equal(azurePath('passthrough', '/v1/models', undefined, '2024-10-21'), '/openai/v1/models');
    assert.equal(azurePath('openai-responses', '/v1/responses?a=b', 'd', undefined), '/openai/v1/responses?a=b');
  });
});

describe('provider configuration', () => {
  it('the two defaults always exist with inferred kinds; a file adds providers', () => {
    const c = resolveConfig({ providers: { ollama: { kind: 'openai', baseUrl: 'http://127.0.0.1:11434' } } });
    assert.deepEqual(Object.keys(c.providers).sort(), ['anthropic', 'ollama', 'openai']);
    assert.equal(c.providers.openai!.kind, 'openai');
    assert.equal(c.providers.anthropic!.kind, 'anthropic');
    assert.equal(c.providers.anthropic!.baseUrl, 'https://api.anthropic.com');
    assert.ok(Object.isFrozen(c.providers.ollama));
  });

  it('a config with only base URLs keeps working', () => {
    const c = resolveConfig({ providers: { openai: { baseUrl: 'http://127.0.0.1:1/a' } } });
    assert.equal(c.providers.openai!.baseUrl, 'http://127.0.0.1:1/a');
    assert.equal(c.providers.openai!.kind, 'openai');
  });

  for (const [what, layer, field] of [
    ['a provider without a kind', { providers: { groq: { baseUrl: 'https://api.groq.com/openai' } } }, /'providers\.groq\.kind'/],
    ['a provider without a base URL', { providers: { groq: { kind: 'openai' } } }, /'providers\.groq/],
    ['a name that cannot be a path segment', { providers: { 'My Provider': { kind: 'openai', baseUrl: 'http://x' } } }, /'providers\.My Provider'/],
    ['an unknown kind', { providers: { x: { kind: 'gemini', baseUrl: 'http://x' } } }, /'providers\.x\.kind'/],
    ['a header value with a line break', { providers: { x: { kind: 'openai', baseUrl: 'http://x', headers: { a: 'b\nc' } } } }, /'providers\.x\.headers\.a'/],
    ['a model map entry naming no provider', { routing: { models: [{ match: '*', provider: 'nowhere' }] } }, /'routing\.models\.0\.provider'/],
  ] as const) {
    it(`refuses ${what}, naming the field`, () => {
      assert.throws(() => resolveConfig(layer), (err: unknown) => err instanceof ConfigError && field.test(err.message));
    });
  }
});
