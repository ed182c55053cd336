// Configuration: one schema with defaults, layers merged deeply in order, the result frozen, and
// every error naming the offending field by its dotted path.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, mergeDeep, readConfigFile, resolveConfig } from '../../../gateway/config/load.js';

const MiB = 1024 * 1024;

/** The ConfigError message for these layers (fails when they are valid). */
function errorFor(...layers: unknown[]): string {
  try {
    resolveConfig(...layers);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail(`expected a ConfigError for ${JSON.stringify(layers)}`);
}

describe('resolveConfig', () => {
  it('an empty configuration is valid and gets the documented defaults', () => {
    const c = resolveConfig();
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 18080);
    assert.equal(c.providers.openai.baseUrl, 'https://api.openai.com');
    assert.equal(c.providers.anthropic.baseUrl, 'https://api.anthropic.com');
    assert.equal(c.limits.bodyBytes, 32 * MiB);
    assert.equal(c.limits.jsonDepth, 64);
    assert.ok(c.limits.messages > 0 && c.limits.stringBytes > 0 && c.limits.sseEventBytes > 0);
    assert.ok(c.limits.streamBytes > 0 && c.limits.streamDurationMs > 0 && c.limits.responseBytes > 0);
    // HTTP/1.1 needs a connection per in-flight request: the default cap must not throttle normal use.
    assert.ok(c.upstream.connections >= 256, `upstream.connections default ${c.upstream.connections}`);
    for (const t of [c.upstream.connectTimeoutMs, c.upstream.headersTimeoutMs, c.upstream.bodyTimeoutMs, c.server.requestTimeoutMs, c.server.headersTimeoutMs, c.server.keepAliveTimeoutMs]) {
      assert.ok(Number.isInteger(t) && t > 0, 'every timeout is explicit');
    }
    assert.equal(c.log.level, 'info');
    assert.deepEqual(resolveConfig({}), c);
  });

  it('the result is deeply frozen', () => {
    const c = resolveConfig();
    assert.ok(Object.isFrozen(c));
    assert.ok(Object.isFrozen(c.limits));
    assert.ok(Object.isFrozen(c.providers.openai));
    assert.throws(() => {
      (c.limits as { bodyBytes: number }).bodyBytes = 1;
    }, TypeError);
  });

  it('later layers win, field by field, and keep what they do not name', () => {
    const c = resolveConfig(
      { port: 1000, limits: { jsonDepth: 10, messages: 5 }, providers: { openai: { baseUrl: 'http://127.0.0.1:1/a' } } },
      { port: 0, limits: { messages: 7 } },
      { providers: { anthropic: { baseUrl: 'http://127.0.0.1:2' } } },
    );
    assert.equal(c.port, 0);
    assert.equal(c.limits.jsonDepth, 10);
    assert.equal(c.limits.messages, 7);
    assert.equal(c.limits.bodyBytes, 32 * MiB);
    assert.equal(c.providers.openai.baseUrl, 'http://127.0.0.1:1/a');
    assert.equal(c.providers.anthropic.baseUrl, 'http://127.0.0.1:2');
  });

  it('does not modify the layers it was given', () => {
    const file = { limits: { jsonDepth: 10 } };
    resolveConfig(file, { limits: { messages: 3 } });
    assert.deepEqual(file, { limits: { jsonDepth: 10 } });
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['a string for a number', { limits: { bodyBytes: 'big' } }, /'limits\.bodyBytes'/],
    ['a fraction for an integer', { limits: { jsonDepth: 1.5 } }, /'limits\.jsonDepth'/],
    ['below the minimum', { limits: { bodyBytes: 10 } }, /'limits\.bodyBytes'/],
    ['above the maximum', { port: 70000 }, /'port'/],
    ['a negative timeout', { upstream: { headersTimeoutMs: -1 } }, /'upstream\.headersTimeoutMs'/],
    ['an unknown key', { limits: { bodyByte: 1 } }, /limits(\.bodyByte)?'/],
    ['an unknown section', { bogus: {} }, /bogus|\(root\)/],
    ['an unknown provider', { providers: { mistral: { baseUrl: 'http://127.0.0.1:1' } } }, /providers/],
    ['a non-http base URL', { providers: { openai: { baseUrl: 'ftp://example.com' } } }, /'providers\.openai\.baseUrl'/],
    ['a base URL with a query', { providers: { anthropic: { baseUrl: 'https://example.com/?x=1' } } }, /'providers\.anthropic\.baseUrl'/],
    ['an unknown log level', { log: { level: 'loud' } }, /'log\.level'/],
    ['a section of the wrong type', { limits: 5 }, /'limits'/],
    ['an empty host', { host: '' }, /'host'/],
  ];
  for (const [what, layer, field] of bad) {
    it(`names the field for ${what}`, () => {
      const message = errorFor(layer);
      assert.match(message, field);
    });
  }

  it('shows the offending value when it is a scalar', () => {
    assert.match(errorFor({ limits: { bodyBytes: 'big' } }), /"big"/);
  });

  it('a bad value in a later layer is reported too (flags are validated like the file)', () => {
    assert.match(errorFor({ port: 1 }, { port: -5 }), /'port'/);
  });
});

describe('mergeDeep', () => {
  it('merges plain objects, replaces everything else', () => {
    assert.deepEqual(mergeDeep({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: 3 }, d: [9] }), { a: { b: 1, c: 3 }, d: [9] });
    assert.deepEqual(mergeDeep({ a: 1 }, undefined), { a: 1 });
    assert.equal(mergeDeep({ a: 1 }, 5), 5);
  });
});

describe('readConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-load-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads YAML and JSON alike', () => {
    const yaml = write('c.yaml', '# a comment\nport: 0\nlimits:\n  jsonDepth: 12\n');
    const json = write('c.json', '{"port": 0, "limits": {"jsonDepth": 12}}');
    assert.deepEqual(readConfigFile(yaml), { port: 0, limits: { jsonDepth: 12 } });
    assert.deepEqual(readConfigFile(json), readConfigFile(yaml));
    assert.equal(resolveConfig(readConfigFile(yaml)).limits.jsonDepth, 12);
  });

  it('an empty file is an empty configuration', () => {
    assert.deepEqual(readConfigFile(write('empty.yaml', '')), {});
    assert.deepEqual(readConfigFile(write('comments.yaml', '# nothing here\n')), {});
  });

  it('invalid YAML or JSON is a ConfigError naming the file', () => {
    for (const path of [write('bad.yaml', 'limits: [unclosed\n  x: : y\n'), write('bad.json', '{"port": 0,}}')]) {
      assert.throws(() => readConfigFile(path), (err: unknown) => err instanceof ConfigError && err.message.includes(path));
    }
  });

  it('a missing file is a ConfigError naming the file and the reason', () => {
    const path = join(dir, 'missing.yaml');
    assert.throws(() => readConfigFile(path), (err: unknown) => err instanceof ConfigError && err.message.includes(path) && /ENOENT/.test(err.message));
  });
});
