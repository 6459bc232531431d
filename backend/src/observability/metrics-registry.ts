// A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text exposition
// format 0.0.4. Values kept by another component (push stats, cache counters) are read when scraped through
// `collect`, so nothing is counted twice.

export type Labels = Readonly<Record<string, string>>;
type Sample = readonly [Labels, number];
type Kind = 'counter' | 'gauge' | 'histogram';

export const metricsContentType = 'text/plain; version=0.0.4; charset=utf-8';

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

interface Family {
  name: string;
  help: string;
  kind: Kind;
  lines(): string[];
}

export class MetricsRegistry {
  readonly #families: Family[] = [];

  counter(name: string, help: string): Counter {
    const values = new Map<string, number>();
    this.#add({ name, help, kind: 'counter', lines: () => seriesLines(name, values) });
    return { inc: (labels = {}, by = 1) => bump(values, labels, by) };
  }

  gauge(name: string, help: string): Gauge {
    const values = new Map<string, number>();
    this.#add({ name, help, kind: 'gauge', lines: () => seriesLines(name, values) });
    return {
      set: (value, labels = {}) => void values.set(labelText(labels), value),
      inc: (labels = {}, by = 1) => bump(values, labels, by),
      dec: (labels = {}, by = 1) => bump(values, labels, -by),
    };
  }

  /** A counter or gauge whose samples are read from elsewhere at each scrape. */
  collected(options: {
    name: string;
    help: string;
    kind: 'counter' | 'gauge';
    collect: () => Sample[];
  }): void {
    const { name, help, kind, collect } = options;
    this.#add({
      name,
      help,
      kind,
      lines: () => collect().map(([labels, value]) => `${name}${braced(labelText(labels))} ${number(value)}`),
    });
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const bounds = [...buckets].sort((a, b) => a - b);
    const series = new Map<string, { counts: number[]; sum: number; count: number }>();
    this.#add({
      name,
      help,
      kind: 'histogram',
      lines: () =>
        [...series].flatMap(([labels, s]) => [
          ...bounds.map(
            (le, i) => `${name}_bucket${braced(join(labels, `le="${number(le)}"`))} ${s.counts[i] ?? 0}`,
          ),
          `${name}_bucket${braced(join(labels, 'le="+Inf"'))} ${s.count}`,
          `${name}_sum${braced(labels)} ${number(s.sum)}`,
          `${name}_count${braced(labels)} ${s.count}`,
        ]),
    });
    return {
      observe(value, labels = {}) {
        const key = labelText(labels);
        let s = series.get(key);
        if (s === undefined) {
          s = { counts: bounds.map(() => 0), sum: 0, count: 0 };
          series.set(key, s);
        }
        // Buckets are cumulative: a value counts in every bucket whose bound it does not exceed.
        for (let i = bounds.length - 1; i >= 0 && value <= (bounds[i] as number); i--) {
          s.counts[i] = (s.counts[i] ?? 0) + 1;
        }
        s.sum += value;
        s.count += 1;
      },
    };
  }

  render(): string {
    return this.#families
      .flatMap((f) => [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.kind}`, ...f.lines()])
      .concat('')
      .join('\n');
  }

  #add(family: Family): void {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(family.name)) throw new Error(`bad metric name ${family.name}`);
    if (this.#families.some((f) => f.name === family.name))
      throw new Error(`metric ${family.name} registered twice`);
    this.#families.push(family);
  }
}

function bump(values: Map<string, number>, labels: Labels, by: number): void {
  const key = labelText(labels);
  values.set(key, (values.get(key) ?? 0) + by);
}

function seriesLines(name: string, values: Map<string, number>): string[] {
  return [...values].map(([labels, value]) => `${name}${braced(labels)} ${number(value)}`);
}

function labelText(labels: Labels): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
    .join(',');
}

const join = (a: string, b: string) => (a === '' ? b : `${a},${b}`);
const braced = (text: string) => (text === '' ? '' : `{${text}}`);
const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function number(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
