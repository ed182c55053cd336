import { Histogram, type LabelValues, type Registry } from 'prom-client';

type Exported<L extends string> = Awaited<ReturnType<Histogram<L>['get']>>;
type ExportedValue<L extends string> = Exported<L>['values'][number];
/** One exported value before prom-client's registry merges the series labels into it. */
type Point<L extends string> = ExportedValue<L> & { sharedLabels: LabelValues<L> };

interface Series<L extends string> {
  readonly labels: LabelValues<L>;
  /** Observations per bucket, not cumulative: the first bound each value fits under. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A prom-client Histogram fed through `add(key, labels, value)`: a Map lookup and a few array
 * increments, where prom-client's own `observe` validates and hashes the label object and builds
 * a closure on every call (about 0.8 µs, three histograms per exchange). The exposition is
 * prom-client's, from the same shape of values its Histogram exports (a test holds the two to the
 * same text), so /metrics does not change.
 */
export class TallyHistogram<L extends string> extends Histogram<L> {
  readonly #name: string;
  readonly #help: string;
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series<L>>();

  constructor(registry: Registry, config: { name: string; help: string; labelNames: readonly L[]; buckets: readonly number[] }) {
    super({ ...config, labelNames: [...config.labelNames], buckets: [...config.buckets], registers: [registry] });
    this.#name = config.name;
    this.#help = config.help;
    this.#bounds = [...config.buckets];
  }

  /** `key` must stand for exactly these label values; `labels` is kept only the first time a key is seen. */
  add(key: string, labels: LabelValues<L>, value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    let s = this.#series.get(key);
    if (s === undefined) {
      s = { labels, counts: new Float64Array(this.#bounds.length), sum: 0, count: 0 };
      this.#series.set(key, s);
    }
    const bounds = this.#bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        s.counts[i]++;
        break;
      }
    }
    s.sum += value;
    s.count++;
  }

  /** What prom-client's registry formats: per series its cumulative buckets, +Inf, sum and count. */
  getForPromString(): Omit<Exported<L>, 'values'> & { values: Point<L>[] } {
    const values: Point<L>[] = [];
    const point = (labels: Record<string, string | number>, value: number, suffix: string, sharedLabels: LabelValues<L>, exemplar: null | undefined) =>
      ({ labels, sharedLabels, value, metricName: `${this.#name}${suffix}`, exemplar }) as unknown as Point<L>;
    for (const s of this.#series.values()) {
      let acc = 0;
      this.#bounds.forEach((le, i) => {
        acc += s.counts[i]!;
        values.push(point({ le }, acc, '_bucket', s.labels, null));
      });
      values.push(point({ le: '+Inf' }, s.count, '_bucket', s.labels, null));
      values.push(point({}, s.sum, '_sum', s.labels, undefined));
      values.push(point({}, s.count, '_count', s.labels, undefined));
    }
    // The same fields prom-client's Histogram returns (no `collect`: none is configured).
    return { name: this.#name, help: this.#help, type: 'histogram', values, aggregator: 'sum' } as unknown as Omit<Exported<L>, 'values'> & { values: Point<L>[] };
  }

  /** The JSON form (`registry.getMetricsAsJSON`): each value's series labels merged into its own. */
  override async get(): Promise<Exported<L>> {
    const data = this.getForPromString();
    const values = data.values.map(({ labels, sharedLabels, ...rest }) => ({ ...rest, labels: { ...labels, ...sharedLabels } }));
    return { ...data, values } as Exported<L>;
  }

  override reset(): void {
    super.reset();
    // prom-client's constructor calls reset() before this class's fields exist.
    if (#series in this) this.#series.clear();
  }
}
