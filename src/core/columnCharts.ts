// Each metadata column read for a small chart and for filtering: numbers and dates as histograms
// (a timeline for dates), a few values as counts (the top ones and "other"), long texts by their
// length, and a column of mostly distinct short values as "too many values" rather than a bar each.
import { parseDate } from './dates';
import { TAG_SEPARATOR, UNTAGGED } from './tags';

export type ColumnKind = 'number' | 'date' | 'category' | 'text' | 'too-many';

/** the category of the values beyond the top ones */
export const OTHER_VALUE = '\u0000other';
/** bars of a histogram */
export const BINS = 24;
/** values counted by name; the rest are "other" */
export const TOP_VALUES = 12;
/** past this many distinct short values a column is not charted by value */
export const MAX_CATEGORY_VALUES = 500;
/** a column whose values are this long on average is charted by length */
const TEXT_LENGTH = 40;

export interface Bin {
  from: number;
  to: number;
  count: number;
}

export interface ColumnReading {
  name: string;
  kind: ColumnKind;
  /** per row for number, date (ms since 1970) and text (length) columns; NaN where missing or unreadable */
  numbers: Float64Array | null;
  /** per row for category columns: its value, OTHER_VALUE beyond the top ones, '' where missing (several joined by TAG_SEPARATOR when `multi`) */
  labels: string[] | null;
  /** a row may hold several values (the user's tags) */
  multi?: boolean;
  bins: Bin[];
  categories: { name: string; count: number }[];
  /** rows whose value is beyond the top ones */
  other: number;
  missing: number;
  /** values that are not a date in a date column */
  unreadable: number;
  distinct: number;
}

export type ColumnFilter = { column: string; range: [number, number] } | { column: string; values: string[] };

/** empty, or a word that stands for nothing (the regular expression only for values short enough to be one) */
export const isMissing = (v: string): boolean => v === '' || (v.length <= 4 && /^(nan|null|none|n\/a|na)$/i.test(v));

function histogram(numbers: Float64Array): Bin[] {
  let min = Infinity;
  let max = -Infinity;
  for (const x of numbers) {
    if (Number.isNaN(x)) continue;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  if (min > max) return [];
  const bins = min === max ? 1 : BINS;
  const width = (max - min) / bins;
  const out = Array.from({ length: bins }, (_, b) => ({ from: min + b * width, to: b === bins - 1 ? max : min + (b + 1) * width, count: 0 }));
  for (const x of numbers) if (!Number.isNaN(x)) out[binOf(out, x)]!.count++;
  return out;
}

/** The bar a value falls in (values at a boundary go to the upper bar, the maximum to the last). */
export function binOf(bins: readonly Bin[], x: number): number {
  const first = bins[0]!;
  const last = bins[bins.length - 1]!;
  if (last.to === first.from) return 0;
  return Math.max(0, Math.min(bins.length - 1, Math.floor(((x - first.from) / (last.to - first.from)) * bins.length)));
}

/** How many different numbers there are, NaN left out (sorted: a set of a million numbers took twice as long). */
function distinctNumbers(numbers: Float64Array): number {
  const sorted = new Float64Array(numbers.length);
  let n = 0;
  for (const x of numbers) if (!Number.isNaN(x)) sorted[n++] = x;
  const present = sorted.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || present[i] !== present[i - 1]) distinct++;
  return distinct;
}

/** Each value as a number (NaN where missing), or null when a present value is not a finite number. */
function numbersOf(trimmed: readonly string[]): Float64Array | null {
  const numbers = new Float64Array(trimmed.length);
  for (let i = 0; i < trimmed.length; i++) {
    const v = trimmed[i]!;
    if (isMissing(v)) numbers[i] = NaN;
    else if (!Number.isFinite((numbers[i] = Number(v)))) return null;
  }
  return numbers;
}

/** present values tried as dates before every row is: a column that is no dates is not parsed a million times */
const DATE_SAMPLE = 256;

/** Whether most of a spread sample of `present` read as dates (all of them when there are few). */
function mayBeDates(present: readonly string[]): boolean {
  const step = Math.max(1, present.length / DATE_SAMPLE);
  let tried = 0;
  let read = 0;
  for (let at = 0; at < present.length; at += step, tried++) if (parseDate(present[Math.floor(at)]!) !== null) read++;
  return read >= 0.5 * tried;
}

/**
 * How a column's values (one per row) are charted and filtered. Each value is trimmed and tested for
 * missing once, numbers are parsed once, and dates tried on a sample first: a million rows are read
 * in a fraction of a second.
 */
export function readColumn(name: string, values: readonly string[]): ColumnReading {
  const trimmed = values.map((v) => v.trim());
  const present = trimmed.filter((v) => !isMissing(v));
  const missing = values.length - present.length;
  const numbers = present.length > 0 ? numbersOf(trimmed) : null;
  if (numbers) {
    // numbers are told apart as numbers: counting a million distinct strings took most of the time
    const distinct = distinctNumbers(numbers);
    if (distinct > TOP_VALUES)
      return { name, kind: 'number', numbers, labels: null, bins: histogram(numbers), categories: [], other: 0, missing, unreadable: 0, distinct };
  }
  const numeric = numbers !== null;
  const counts = new Map<string, number>();
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
  const base = { name, bins: [] as Bin[], categories: [] as ColumnReading['categories'], other: 0, missing, unreadable: 0, distinct: counts.size };
  if (!numeric && present.length > 0) {
    if (mayBeDates(present)) {
      const dates = Float64Array.from(trimmed, (v) => (isMissing(v) ? NaN : (parseDate(v) ?? NaN)));
      const read = dates.reduce((n, x) => n + (Number.isNaN(x) ? 0 : 1), 0);
      if (read >= 0.8 * present.length)
        return { ...base, kind: 'date', numbers: dates, labels: null, bins: histogram(dates), unreadable: present.length - read };
    }
    const meanLength = present.reduce((n, v) => n + v.length, 0) / present.length;
    if (meanLength >= TEXT_LENGTH && counts.size > TOP_VALUES) {
      const lengths = Float64Array.from(trimmed, (v) => (isMissing(v) ? NaN : v.length));
      return { ...base, kind: 'text', numbers: lengths, labels: null, bins: histogram(lengths) };
    }
    if (counts.size > MAX_CATEGORY_VALUES) return { ...base, kind: 'too-many', numbers: null, labels: null };
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = new Set(ranked.slice(0, TOP_VALUES).map(([v]) => v));
  const labels = trimmed.map((v) => (isMissing(v) ? '' : top.has(v) ? v : OTHER_VALUE));
  const categories = ranked.slice(0, TOP_VALUES).map(([value, count]) => ({ name: value, count }));
  const other = ranked.slice(TOP_VALUES).reduce((n, [, c]) => n + c, 0);
  return { ...base, kind: 'category', numbers: null, labels, categories, other };
}

/** Whether one row passes a filter on its column (a missing value passes none). */
export function passes(reading: ColumnReading, filter: ColumnFilter, row: number): boolean {
  if ('range' in filter) {
    const x = reading.numbers?.[row] ?? NaN;
    return x >= filter.range[0] && x <= filter.range[1];
  }
  const label = reading.labels?.[row] ?? '';
  if (reading.multi) return label.split(TAG_SEPARATOR).some((v) => filter.values.includes(v));
  return label !== '' && filter.values.includes(label);
}

/** Rows that pass every filter (1) — filters on different columns combine with "and" — or null when none is set. */
export function filterMask(readings: ReadonlyMap<string, ColumnReading>, filters: readonly ColumnFilter[], count: number): Uint8Array | null {
  const active = filters.filter((f) => readings.has(f.column));
  if (active.length === 0) return null;
  const mask = new Uint8Array(count).fill(1);
  for (const filter of active) {
    const reading = readings.get(filter.column)!;
    for (let i = 0; i < count; i++) if (mask[i] && !passes(reading, filter, i)) mask[i] = 0;
  }
  return mask;
}

/** How many of `rows` fall in each bar (histograms) or each category then "other" (counts): a selection's chart beside the whole. */
export function countsOf(reading: ColumnReading, rows: Iterable<number>): number[] {
  if (reading.numbers) {
    const out = new Array<number>(reading.bins.length).fill(0);
    for (const r of rows) {
      const x = reading.numbers[r]!;
      if (!Number.isNaN(x) && out.length > 0) out[binOf(reading.bins, x)]!++;
    }
    return out;
  }
  const index = new Map(reading.categories.map((c, i) => [c.name, i]));
  const out = new Array<number>(reading.categories.length + 1).fill(0);
  for (const r of rows) {
    const label = reading.labels?.[r] ?? '';
    for (const value of reading.multi ? label.split(TAG_SEPARATOR) : [label]) {
      if (value === OTHER_VALUE) out[out.length - 1]!++;
      else if (index.has(value)) out[index.get(value)!]!++;
    }
  }
  return out;
}

/** The user's tags as a chart to filter by: a chunk counts under each of its tags, and as "untagged" when it has none. */
export function readTags(name: string, tagsOfRows: readonly string[][]): ColumnReading {
  const counts = new Map<string, number>();
  const labels = tagsOfRows.map((tags) => {
    const values = tags.length > 0 ? tags : [UNTAGGED];
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return values.join(TAG_SEPARATOR);
  });
  const categories = [...counts].map(([value, count]) => ({ name: value, count })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  return { name, kind: 'category', numbers: null, labels, multi: true, bins: [], categories, other: 0, missing: 0, unreadable: 0, distinct: counts.size };
}
