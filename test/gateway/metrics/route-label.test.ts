import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedLabels, OTHER } from '../../../gateway/metrics/bounded-labels.js';
import { RouteLabels } from '../../../gateway/metrics/route-label.js';

describe('RouteLabels', () => {
  it('keeps the known API paths as they are, with or without a provider prefix', () => {
    const r = new RouteLabels();
    for (const p of ['/v1/chat/completions', '/v1/responses', '/v1/messages', '/v1/messages/count_tokens', '/v1/models', '/v1/embeddings', '/openai/v1/chat/completions', '/anthropic/v1/messages']) {
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
    assert.equal(r.label('/v1/filesystem'), '/v1/filesystem', 'a prefix only counts at a segment boundary');
  });

  it('cuts other paths to their first two segments after the provider prefix', () => {
    const r = new RouteLabels();
    assert.equal(r.label('/v1/fine_tuning/jobs/ftjob-1'), '/v1/fine_tuning');
    assert.equal(r.label('/openai/v1/vector_stores/vs_1/files'), '/openai/v1/vector_stores');
    assert.equal(r.label('/v1/organization/usage/completions'), '/v1/organization');
    assert.equal(r.label('/v1'), '/v1');
  });

  it('labels paths that cannot be API names as other', () => {
    const r = new RouteLabels();
    assert.equal(r.label('/'), OTHER);
    assert.equal(r.label('//'), OTHER);
    assert.equal(r.label(`/v1/${'x'.repeat(41)}`), OTHER);
    assert.equal(r.label('/v1/%7B%7D'), OTHER);
    assert.equal(r.label('/v1/a b'), OTHER);
  });

  it('allows 50 distinct other labels, then other; the admitted ones stay', () => {
    const r = new RouteLabels();
    for (let i = 0; i < 50; i++) assert.equal(r.label(`/v1/thing${i}/id-${i}`), `/v1/thing${i}`);
    assert.equal(r.label('/v1/thing50/x'), OTHER);
    assert.equal(r.label('/v1/thing7/y'), '/v1/thing7');
    // Known paths, and paths below them, never count against the limit.
    assert.equal(r.label('/v1/chat/completions'), '/v1/chat/completions');
    assert.equal(r.label('/v1/files/f-1'), '/v1/files');
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
