/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format (version 0.0.4). Enough for /metrics without a dependency.
 */

type Labels = Readonly<Record<string, string>>;

interface Metric {
  readonly name: string;
  render(): string[];
}

function labelKey(labelNames: readonly string[], labels: Labels): string {
  return labelNames.map((n) => labels[n] ?? '').join('\u0000');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatLabels(labelNames: readonly string[], key: string, extra?: string): string {
  const values = key === '' && labelNames.length === 0 ? [] : key.split('\u0000');
  const parts = labelNames.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** Label values come from code, not users; this bound keeps a bug from growing memory without end. */
const maxSeries = 1000;

export class Counter implements Metric {
  readonly name: string;
  readonly #help: string;
  readonly #labelNames: readonly string[];
  readonly #values = new Map<string, number>();

  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    this.name = name;
    this.#help = help;
    this.#labelNames = labelNames;
  }

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(this.#labelNames, labels);
    if (!this.#values.has(key) && this.#values.size >= maxSeries) return;
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.#values.get(labelKey(this.#labelNames, labels)) ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.#help}`, `# TYPE ${this.name} counter`];
    if (this.#values.size === 0 && this.#labelNames.length === 0) lines.push(`${this.name} 0`);
    for (const [key, value] of this.#values) {
      lines.push(`${this.name}${formatLabels(this.#labelNames, key)} ${formatNumber(value)}`);
    }
    return lines;
  }
}

/** A gauge read at scrape time. */
export class Gauge implements Metric {
  readonly name: string;
  readonly #help: string;
  readonly #read: () => number;

  constructor(name: string, help: string, read: () => number) {
    this.name = name;
    this.#help = help;
    this.#read = read;
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.#help}`,
      `# TYPE ${this.name} gauge`,
      `${this.name} ${formatNumber(this.#read())}`,
    ];
  }
}

interface HistogramSeries {
  readonly counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Metric {
  readonly name: string;
  readonly #help: string;
  readonly #labelNames: readonly string[];
  /** Upper bounds, ascending, in the metric's unit. */
  readonly buckets: readonly number[];
  readonly #series = new Map<string, HistogramSeries>();

  constructor(name: string, help: string, buckets: readonly number[], labelNames: readonly string[] = []) {
    this.name = name;
    this.#help = help;
    this.buckets = [...buckets].sort((a, b) => a - b);
    this.#labelNames = labelNames;
  }

  observe(value: number, labels: Labels = {}): void {
    const key = labelKey(this.#labelNames, labels);
    let series = this.#series.get(key);
    if (!series) {
      if (this.#series.size >= maxSeries) return;
      series = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    for (let i = 0; i < this.buckets.length; i++) {
      if (value <= (this.buckets[i] as number)) series.counts[i] = (series.counts[i] ?? 0) + 1;
    }
    series.sum += value;
    series.count += 1;
  }

  count(labels: Labels = {}): number {
    return this.#series.get(labelKey(this.#labelNames, labels))?.count ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.#help}`, `# TYPE ${this.name} histogram`];
    const entries: [string, HistogramSeries][] =
      this.#series.size === 0 && this.#labelNames.length === 0
        ? [['', { counts: this.buckets.map(() => 0), sum: 0, count: 0 }]]
        : [...this.#series];
    for (const [key, series] of entries) {
      this.buckets.forEach((bound, i) => {
        const le = `le="${formatNumber(bound)}"`;
        lines.push(`${this.name}_bucket${formatLabels(this.#labelNames, key, le)} ${series.counts[i] ?? 0}`);
      });
      lines.push(`${this.name}_bucket${formatLabels(this.#labelNames, key, 'le="+Inf"')} ${series.count}`);
      lines.push(`${this.name}_sum${formatLabels(this.#labelNames, key)} ${formatNumber(series.sum)}`);
      lines.push(`${this.name}_count${formatLabels(this.#labelNames, key)} ${series.count}`);
    }
    return lines;
  }
}

export class Registry {
  readonly #metrics: Metric[] = [];

  register<M extends Metric>(metric: M): M {
    if (this.#metrics.some((m) => m.name === metric.name)) throw new Error(`metric ${metric.name} registered twice`);
    this.#metrics.push(metric);
    return metric;
  }

  /** The text exposition format; serve as `text/plain; version=0.0.4`. */
  render(): string {
    return `${this.#metrics.flatMap((m) => m.render()).join('\n')}\n`;
  }
}

export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';
