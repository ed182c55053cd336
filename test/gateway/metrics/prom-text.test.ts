// The test parser must itself reject what is not exposition format, or the /metrics test proves nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrometheusText, sum } from './prom-text.js';

const GOOD = `# HELP a_total Things.
# TYPE a_total counter
a_total{route="/v1/x",q="say \\"hi\\"\\\\"} 3
a_total{route="/v1/y"} 4
# HELP h Latency.
# TYPE h histogram
h_bucket{le="0.5",p="o"} 1
h_bucket{le="+Inf",p="o"} 2
h_sum{p="o"} 1.5
h_count{p="o"} 2
# HELP g A gauge.
# TYPE g gauge
g 1e-3
`;

describe('parsePrometheusText (test helper)', () => {
  it('parses families, labels with escapes, and values', () => {
    const f = parsePrometheusText(GOOD);
    assert.deepEqual([...f.keys()], ['a_total', 'h', 'g']);
    assert.equal(f.get('a_total')!.samples[0]!.labels.q, 'say "hi"\\');
    assert.equal(sum(f, 'a_total'), 7);
    assert.equal(sum(f, 'h_count', { p: 'o' }), 2);
    assert.equal(sum(f, 'g'), 0.001);
  });

  for (const [what, text] of [
    ['a sample before its TYPE', 'x 1\n'],
    ['a bad value', '# TYPE x gauge\nx one\n'],
    ['an unquoted label', '# TYPE x gauge\nx{a=1} 1\n'],
    ['a bad metric name', '# TYPE 1x gauge\n1x 1\n'],
    ['a second TYPE', '# TYPE x gauge\n# TYPE x gauge\nx 1\n'],
    ['interleaved families', '# TYPE x gauge\n# TYPE y gauge\nx 1\n'],
    ['non-cumulative buckets', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n'],
    ['+Inf bucket different from _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 1\n'],
    ['a stray line', '# TYPE x gauge\nx 1\nhello world\n'],
  ] as const) {
    it(`rejects ${what}`, () => assert.throws(() => parsePrometheusText(text)));
  }
});
