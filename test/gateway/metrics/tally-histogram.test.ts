// TallyHistogram must expose exactly what prom-client's Histogram exposes for the same observations,
// in the text format and as JSON, so replacing one by the other changes nothing on /metrics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Histogram, Registry } from 'prom-client';
import { TallyHistogram } from '../../../gateway/metrics/tally-histogram.js';

const BUCKETS = [0.0005, 0.001, 0.01, 0.25, 1, 10];
const config = { name: 'x_seconds', help: 'Some durations.', labelNames: ['provider'] as const, buckets: BUCKETS };

function pair() {
  const a = new Registry();
  const b = new Registry();
  const reference = new Histogram({ ...config, labelNames: [...config.labelNames], registers: [a] });
  const tally = new TallyHistogram(b, config);
  return { a, b, reference, tally };
}

describe('TallyHistogram', () => {
  it('property: text and JSON exposition equal prom-client Histogram fed the same values', async () => {
    const value = fc.oneof(fc.constantFrom(...BUCKETS, 0, 20), fc.double({ min: 0, max: 50, noNaN: true }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('openai', 'anthropic', 'other'), value), { maxLength: 60 }), async (observations) => {
        const { a, b, reference, tally } = pair();
        for (const [provider, v] of observations) {
          reference.observe({ provider }, v);
          tally.add(provider, { provider }, v);
        }
        assert.equal(await b.metrics(), await a.metrics());
        assert.deepEqual(await b.getMetricsAsJSON(), await a.getMetricsAsJSON());
      }),
    );
  });

  it('rejects a value that is not a finite number, as prom-client does, and resets', async () => {
    const { b, tally } = pair();
    assert.throws(() => tally.add('openai', { provider: 'openai' }, Number.NaN), TypeError);
    tally.add('openai', { provider: 'openai' }, 0.2);
    b.resetMetrics();
    assert.equal(await b.metrics(), '# HELP x_seconds Some durations.\n# TYPE x_seconds histogram\n');
  });
});
