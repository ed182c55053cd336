import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BoundedLabels, OTHER } from '../../../gateway/metrics/bounded-labels.js';
import { RouteLabels } from '../../../gateway/metrics/route-label.js';

describe('RouteLabels', () => {
  it('keeps the known API paths as they are, with or without a provider prefix', () => {
    const r = new RouteLabels();
    for (const p of ['/v1/chat/completions', '/v1/responses', '/v1/messages', '/v1/messages/count_tokens', '/v1/models', '/v1/embeddings', '/openai/v1/chat/completions', '/anthropic/v1/messages', '/relay/generate']) {
      assert.equal(r.label(p), p);
    }
  });

  it('labels paths below a known API path as the longest one they continue', () => {
    const r = new RouteLabels();
    assert.equal(r.label('/v1/files/file-abc123'), '/v1/files');
    assert.equal(r.label('/v1/files/file-abc123/content'), '/v1/files');
    assert.equal(r.label('/openai/v1/files/file-xyz'), '/openai/v1/files');
    assert.equal(r.label('/v1/responses/resp_123/input_items'), '/v1/responses');
    assert.equal(r.label('/v1/messages/batches/msgbatch_1/results'), '/v1/messages/batches');
    assert.equal(r.label('/anthropic/v1/messages/batches/msgbatch_1'), '/anthropic/v1/messages/batches');
    assert.equal(r.label('/v1/chat/completions/chatcmpl-1/messages'), '/v1/chat/completions');
    assert.equal(r.label('/v1/filesystem'), '/v1/*', 'a prefix only counts at a segment boundary');
  });

  it('labels /p/{provider}/… by template: the provider name in the path never becomes a label', () => {
    const r = new RouteLabels();
    assert.equal(r.label('/p/ollama/v1/chat/completions'), '/p/{provider}/v1/chat/completions');
    assert.equal(r.label('/p/x/v1/files/file-abc'), '/p/{provider}/v1/files');
    assert.equal(r.label('/p/x/other'), OTHER);
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9_-]{1,40}$/), (name) => {
      assert.equal(r.label(`/p/${name}/v1/messages`), '/p/{provider}/v1/messages');
      assert.equal(r.label(`/p/${name}/v1/${name}`), '/p/{provider}/v1/*');
    }));
  });

  it('labels other /v1 paths as the passthrough route template, never by their segments', () => {
    const r = new RouteLabels();
    assert.equal(r.label('/v1/fine_tuning/jobs/ftjob-1'), '/v1/*');
    assert.equal(r.label('/openai/v1/vector_stores/vs_1/files'), '/openai/v1/*');
    assert.equal(r.label('/anthropic/v1/organizations/x'), '/anthropic/v1/*');
    assert.equal(r.label('/v1/maria.keller@northwind-example.de'), '/v1/*');
    assert.equal(r.label('/v1/sk-live-abc/x'), '/v1/*');
    assert.equal(r.label('/v1'), '/v1/*');
  });

  it('labels paths outside /v1 as other', () => {
    const r = new RouteLabels();
    for (const p of ['/', '//', '/v2/x', '/v1x/y', '/openai/x']) assert.equal(r.label(p), OTHER, p);
  });

  it('maps ten thousand random ids to a handful of labels', () => {
    const r = new RouteLabels();
    const labels = new Set<string>();
    for (let i = 0; i < 10_000; i++) labels.add(r.label(`/v1/${i % 3 === 0 ? 'files' : 'batches'}/id-${Math.random().toString(36).slice(2)}`));
    assert.deepEqual([...labels].sort(), ['/v1/batches', '/v1/files']);
  });
});

describe('BoundedLabels', () => {
  it('passes the first N distinct values and maps later new ones to other', () => {
    const b = new BoundedLabels(2);
    assert.equal(b.label('a'), 'a');
    assert.equal(b.label('b'), 'b');
    assert.equal(b.label('c'), OTHER);
    assert.equal(b.label('a'), 'a');
    assert.equal(b.size, 2);
  });
});
