// A small strict parser of the Prometheus text exposition format (0.0.4), for tests: every line is
// `# HELP name text`, `# TYPE name type` or `name{label="value",…} value`; a family's HELP and TYPE
// come before its samples, each at most once; histogram series are checked for consistency.
// Written here so the test does not trust prom-client to check its own output.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const HELP = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]Inf|NaN)$/;

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`line ${line}: bad labels: ${text}`);
    if (m[1]! in labels) throw new Error(`line ${line}: duplicate label ${m[1]}`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(m[0].length);
  }
  return labels;
}

function parseValue(text: string, line: number): number {
  if (!VALUE.test(text)) throw new Error(`line ${line}: bad value ${text}`);
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

/** The family a sample name belongs to (histograms and summaries add suffixes). */
function familyOf(sample: string, families: Map<string, Family>): Family | undefined {
  const direct = families.get(sample);
  if (direct) return direct;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sample.endsWith(suffix)) continue;
    const f = families.get(sample.slice(0, -suffix.length));
    if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return f;
  }
  return undefined;
}

function checkHistogram(f: Family): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(rest);
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${f.name}: bucket without le`);
      entry.buckets.push([parseValue(le, 0), s.value]);
    } else if (s.name.endsWith('_count')) entry.count = s.value;
  }
  for (const [key, { buckets, count }] of series) {
    for (let i = 1; i < buckets.length; i++) {
      if (!(buckets[i]![0] > buckets[i - 1]![0])) throw new Error(`${f.name}${key}: le not increasing`);
      if (buckets[i]![1] < buckets[i - 1]![1]) throw new Error(`${f.name}${key}: buckets not cumulative`);
    }
    const inf = buckets.at(-1);
    if (!inf || inf[0] !== Infinity || inf[1] !== count) throw new Error(`${f.name}${key}: +Inf bucket must equal _count`);
  }
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let current: Family | undefined;
  const declare = (name: string, line: number): Family => {
    let f = families.get(name);
    if (f === undefined) families.set(name, (f = { name, type: 'untyped', help: '', samples: [] }));
    else if (f !== current || f.samples.length > 0) throw new Error(`line ${line}: metadata for ${name} out of place`);
    current = f;
    return f;
  };
  const seenHelp = new Set<string>();
  const seenType = new Set<string>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    let m: RegExpExecArray | null;
    if ((m = HELP.exec(raw))) {
      if (seenHelp.has(m[1]!)) throw new Error(`line ${line}: second HELP for ${m[1]}`);
      seenHelp.add(m[1]!);
      declare(m[1]!, line).help = m[2]!;
    } else if ((m = TYPE.exec(raw))) {
      if (seenType.has(m[1]!)) throw new Error(`line ${line}: second TYPE for ${m[1]}`);
      seenType.add(m[1]!);
      declare(m[1]!, line).type = m[2] as MetricType;
    } else if ((m = SAMPLE.exec(raw))) {
      const f = familyOf(m[1]!, families);
      if (!f || f !== current) throw new Error(`line ${line}: sample ${m[1]} outside its family's block`);
      if (!seenType.has(f.name)) throw new Error(`line ${line}: sample ${m[1]} before its TYPE`);
      f.samples.push({ name: m[1]!, labels: parseLabels(m[2] ?? '', line), value: parseValue(m[3]!, line) });
    } else if (raw !== '') {
      throw new Error(`line ${line}: not exposition format: ${JSON.stringify(raw)}`);
    }
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

/** Sum of a family's samples named `sample` whose labels include `match`. */
export function sum(families: Map<string, Family>, sample: string, match: Record<string, string> = {}): number {
  const f = familyOf(sample, families);
  if (!f) return 0;
  let total = 0;
  for (const s of f.samples) {
    if (s.name === sample && Object.entries(match).every(([k, v]) => s.labels[k] === v)) total += s.value;
  }
  return total;
}
