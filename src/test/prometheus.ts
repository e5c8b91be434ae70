import assert from 'node:assert/strict';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface Family {
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*';
/** A float as Go's strconv.ParseFloat reads it (the format's definition): NaN and Inf in any case (prom-client writes `Nan`). */
const VALUE = String.raw`(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[nN][aA][nN]|[+-]?[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)`;
const LABEL_VALUE = String.raw`"(?:[^"\\\n]|\\[\\"n])*"`;
const SAMPLE = new RegExp(String.raw`^(${NAME})(?:\{((?:${LABEL}=${LABEL_VALUE})(?:,${LABEL}=${LABEL_VALUE})*,?)?\})? (${VALUE})(?: (-?\d+))?$`);
const SUFFIXES = { counter: [''], gauge: [''], untyped: [''], histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] } as const;

/**
 * Parses the Prometheus text exposition format (0.0.4) strictly, as no parser is installed: every line is a HELP,
 * a TYPE, a comment, blank, or a sample matching the format's grammar; each family is declared once, before its
 * samples, which are contiguous and named as its type allows; a histogram's buckets rise and end at +Inf = count.
 */
export function parsePrometheus(text: string): Map<string, Family> {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a line feed');
  const families = new Map<string, Family>();
  let current: string | null = null;
  const closed = new Set<string>();
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const at = `line ${i + 1}: ${line}`;
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      assert.match(name, new RegExp(`^${NAME}$`), at);
      if (current !== name && current) closed.add(current);
      assert.ok(!closed.has(name), `${at}: family declared again after its samples`);
      const family: Family = families.get(name) ?? { type: 'untyped', help: '', samples: [] };
      if (kind === 'TYPE') {
        assert.match(rest, /^(counter|gauge|histogram|summary|untyped)$/, at);
        assert.equal(family.samples.length, 0, `${at}: TYPE after samples`);
        family.type = rest as Family['type'];
      } else {
        assert.match(rest, /^(?:[^\\\n]|\\[\\n])*$/, `${at}: HELP escapes only \\\\ and \\n`);
        family.help = rest;
      }
      families.set(name, family);
      current = name;
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    assert.ok(m, `${at}: not a valid sample line`);
    const [, name, labelText = '', raw] = m;
    const owner = [...families.entries()].find(([family, f]) => SUFFIXES[f.type].some((s) => `${family}${s}` === name));
    assert.ok(owner, `${at}: no TYPE declared for ${name}`);
    assert.equal(owner[0], current, `${at}: samples of a family are contiguous, after its TYPE`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of labelText.matchAll(new RegExp(`(${LABEL})=(${LABEL_VALUE})`, 'g'))) {
      assert.ok(!(key in labels), `${at}: label ${key} twice`);
      labels[key] = JSON.parse(value);
    }
    owner[1].samples.push({ name, labels, value: /nan/i.test(raw) ? NaN : /inf/i.test(raw) ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw) });
  }
  for (const [name, family] of families) if (family.type === 'histogram') checkHistogram(name, family);
  return families;
}

function checkHistogram(name: string, family: Family) {
  const series = new Map<string, Sample[]>();
  for (const s of family.samples) {
    const { le: _, ...rest } = s.labels;
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, samples] of series) {
    const buckets = samples.filter((s) => s.name === `${name}_bucket`);
    const count = samples.find((s) => s.name === `${name}_count`);
    assert.ok(buckets.length && count && samples.some((s) => s.name === `${name}_sum`), `${name}${key}: buckets, sum and count`);
    assert.equal(buckets.at(-1)!.labels.le, '+Inf', `${name}${key}: the last bucket is +Inf`);
    assert.equal(buckets.at(-1)!.value, count.value, `${name}${key}: +Inf bucket = count`);
    for (let i = 1; i < buckets.length; i++)
      assert.ok(
        (buckets[i].value >= buckets[i - 1].value && Number(buckets[i].labels.le) > Number(buckets[i - 1].labels.le)) || buckets[i].labels.le === '+Inf',
        `${name}${key}: buckets rise`,
      );
  }
}

/** The value of one sample of a family, by its labels (and name, for a histogram's parts). */
export function valueOf(families: Map<string, Family>, family: string, labels: Record<string, string> = {}, name = family): number {
  const f = families.get(family);
  assert.ok(f, `family ${family} is exposed`);
  const sample = f.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.ok(sample, `${name}${JSON.stringify(labels)} is exposed`);
  return sample.value;
}
