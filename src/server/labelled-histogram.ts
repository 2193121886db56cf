import type { Metric, Registry } from 'prom-client';

/** A sample as prom-client's registry writes it out: `name_bucket{le="0.001",analyzer="x"} 3`. */
interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/** One label value's series: counts per bucket (the last is above every bound), their sum and total. */
interface Series {
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A histogram with one label, for the per-analyzer timings: some thirty observations per call, where
 * prom-client's Histogram spends about a microsecond on each (it validates and hashes the labels on
 * every observe), a few percent of the daemon's time per request. A child here is an array of bucket
 * counts; the registry reads the series in prom-client's histogram shape at scrape time, so the
 * exposition is the same as a prom-client Histogram's.
 */
export class LabelledHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelName: string,
    private readonly bounds: readonly number[],
    registers: readonly Registry[],
  ) {
    // prom-client's registry reads any metric through get(); its types list only its own classes
    for (const r of registers) r.registerMetric(this as unknown as Metric);
  }

  labels(value: string): { observe(seconds: number): void } {
    let s = this.series.get(value);
    if (!s) this.series.set(value, (s = { counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 }));
    const { bounds } = this;
    const series = s;
    return {
      observe(v: number) {
        if (!Number.isFinite(v)) return;
        let i = 0;
        while (i < bounds.length && v > bounds[i]!) i++;
        series.counts[i]!++;
        series.sum += v;
        series.count++;
      },
    };
  }

  get(): { name: string; help: string; type: 'histogram'; values: Sample[]; aggregator: 'sum' } {
    const values: Sample[] = [];
    for (const [label, s] of this.series) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += s.counts[i]!;
        values.push({ labels: { le, [this.labelName]: label }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', [this.labelName]: label }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { [this.labelName]: label }, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { [this.labelName]: label }, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.series.clear();
  }
}
