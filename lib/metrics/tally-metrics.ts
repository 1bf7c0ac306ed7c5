// Histograms and counters that count into plain numbers and are turned into Prometheus samples only
// when scraped. A prom-client `observe({…labels})` hashes its label object on every call (~2 µs;
// a pre-bound child does the same hash, ~3 µs, measured with prom-client 15.1); here the caller
// keeps the series object it gets once per label tuple, and observing is a bucket search and three
// additions. The objects implement what prom-client's Registry and AggregatorRegistry read from a
// metric (`name`, `help`, `type`, `aggregator`, `get()`), so they expose and merge like its own.
import type { MetricObjectWithValues, MetricValue, MetricValueWithName, Registry } from "prom-client";

export class HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Record<string, string>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(value: number): void {
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    if (i < bounds.length) this.counts[i] += 1;
    this.sum += value;
    this.count += 1;
  }
}

export class CounterSeries {
  value = 0;
  constructor(readonly labels: Record<string, string>) {}

  inc(by: number): void {
    this.value += by;
  }
}

interface TallyOptions<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  registry: Registry;
}

abstract class TallyMetric<L extends string, S extends { labels: Record<string, string> }> {
  readonly name: string;
  readonly help: string;
  readonly aggregator = "sum" as const;
  abstract readonly type: "histogram" | "counter";
  protected readonly series: S[] = [];
  private readonly labelNames: readonly L[];

  constructor(options: TallyOptions<L>) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames;
    options.registry.registerMetric(this as never);
  }

  /** The series of one label tuple (values in `labelNames` order); keep it, it is created each call. */
  create(values: readonly string[]): S {
    const labels: Record<string, string> = {};
    this.labelNames.forEach((name, i) => (labels[name] = values[i]));
    const series = this.build(labels);
    this.series.push(series);
    return series;
  }

  protected abstract build(labels: Record<string, string>): S;
  protected abstract samples(series: S, into: MetricValue<string>[]): void;

  async get(): Promise<Omit<MetricObjectWithValues<MetricValue<string>>, "collect">> {
    const values: MetricValue<string>[] = [];
    for (const series of this.series) this.samples(series, values);
    // prom-client's own metrics answer these plain fields only (its type also names `collect`): the
    // console's thread receives them through a MessagePort, which cannot clone a function.
    return { name: this.name, help: this.help, type: this.type as never, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.series.length = 0;
  }
}

export class TallyHistogram<L extends string> extends TallyMetric<L, HistogramSeries> {
  readonly type = "histogram" as const;
  private readonly bounds: readonly number[];

  constructor(options: TallyOptions<L> & { buckets: readonly number[] }) {
    super(options);
    this.bounds = [...options.buckets].sort((a, b) => a - b);
  }

  protected build(labels: Record<string, string>): HistogramSeries {
    return new HistogramSeries(labels, this.bounds);
  }

  protected samples(series: HistogramSeries, into: MetricValue<string>[]): void {
    let cumulative = 0;
    const bucket = `${this.name}_bucket`;
    this.bounds.forEach((bound, i) => {
      cumulative += series.counts[i];
      into.push({ metricName: bucket, labels: { ...series.labels, le: bound }, value: cumulative } as MetricValueWithName<string>);
    });
    into.push({ metricName: bucket, labels: { ...series.labels, le: "+Inf" }, value: series.count } as MetricValueWithName<string>);
    into.push({ metricName: `${this.name}_sum`, labels: series.labels, value: series.sum } as MetricValueWithName<string>);
    into.push({ metricName: `${this.name}_count`, labels: series.labels, value: series.count } as MetricValueWithName<string>);
  }
}

export class TallyCounter<L extends string> extends TallyMetric<L, CounterSeries> {
  readonly type = "counter" as const;
  private readonly scale: number;
  private readonly byValues = new Map<string, CounterSeries>();

  /** `scale` multiplies the tally when exposed: count integers (micro-dollars), expose units (dollars). */
  constructor(options: TallyOptions<L> & { scale?: number }) {
    super(options);
    this.scale = options.scale ?? 1;
  }

  protected build(labels: Record<string, string>): CounterSeries {
    return new CounterSeries(labels);
  }

  /**
   * Adds `by` to the series of these label values (in `labelNames` order), created on first use: for
   * callers that do not keep their series, a map lookup instead of prom-client's label hashing.
   */
  inc(values: readonly string[], by = 1): void {
    const key = values.join("\u0000");
    let series = this.byValues.get(key);
    if (!series) {
      series = this.create(values);
      this.byValues.set(key, series);
    }
    series.inc(by);
  }

  override reset(): void {
    super.reset();
    this.byValues.clear();
  }

  protected samples(series: CounterSeries, into: MetricValue<string>[]): void {
    if (series.value > 0) into.push({ labels: series.labels, value: series.value * this.scale });
  }
}
