import { describe, expect, it } from 'vitest';
import { Histogram, Registry } from 'prom-client';
import { LabelledHistogram } from '../src/server/labelled-histogram.js';

const BOUNDS = [0.00005, 0.0001, 0.001, 0.01];

describe('LabelledHistogram', () => {
  it('writes the same exposition as a prom-client Histogram given the same observations', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const fast = new LabelledHistogram('px_t_seconds', 'time per analyzer', 'analyzer', BOUNDS, [ours]);
    const reference = new Histogram({ name: 'px_t_seconds', help: 'time per analyzer', labelNames: ['analyzer'], buckets: BOUNDS, registers: [theirs] });
    const samples: Array<[string, number]> = [['credential', 0.00002], ['credential', 0.00005], ['credential', 0.0004], ['impact', 0.02], ['impact', 0.0001], ['credential', 3]];
    for (const [name, v] of samples) {
      fast.labels(name).observe(v);
      reference.labels(name).observe(v);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('px_t_seconds_bucket{le="0.0001",analyzer="credential"} 2');
    expect(text).toContain('px_t_seconds_count{analyzer="impact"} 2');
  });

  it('ignores values that are not finite numbers and starts again after reset', async () => {
    const r = new Registry();
    const h = new LabelledHistogram('px_u_seconds', 'u', 'analyzer', BOUNDS, [r]);
    h.labels('a').observe(Number.NaN);
    h.labels('a').observe(0.002);
    expect(await r.metrics()).toContain('px_u_seconds_count{analyzer="a"} 1');
    r.resetMetrics();
    expect(await r.metrics()).not.toContain('analyzer="a"');
  });
});
