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

export const isMissing = (v: string): boolean => v === '' || /^(nan|null|none|n\/a|na)$/i.test(v);

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

/** How a column's values (one per row) are charted and filtered. */
export function readColumn(name: string, values: readonly string[]): ColumnReading {
  const present = values.filter((v) => !isMissing(v.trim()));
  const missing = values.length - present.length;
  const counts = new Map<string, number>();
  for (const v of present) counts.set(v.trim(), (counts.get(v.trim()) ?? 0) + 1);
  const base = { name, bins: [] as Bin[], categories: [] as ColumnReading['categories'], other: 0, missing, unreadable: 0, distinct: counts.size };
  const numberOf = (v: string) => (isMissing(v.trim()) ? NaN : Number(v));
  const numeric = present.length > 0 && present.every((v) => Number.isFinite(Number(v)));
  if (numeric && counts.size > TOP_VALUES) {
    const numbers = Float64Array.from(values, numberOf);
    return { ...base, kind: 'number', numbers, labels: null, bins: histogram(numbers) };
  }
  if (!numeric && present.length > 0) {
    const dates = Float64Array.from(values, (v) => (isMissing(v.trim()) ? NaN : (parseDate(v) ?? NaN)));
    const read = dates.reduce((n, x) => n + (Number.isNaN(x) ? 0 : 1), 0);
    if (read >= 0.8 * present.length) return { ...base, kind: 'date', numbers: dates, labels: null, bins: histogram(dates), unreadable: present.length - read };
    const meanLength = present.reduce((n, v) => n + v.length, 0) / present.length;
    if (meanLength >= TEXT_LENGTH && counts.size > TOP_VALUES) {
      const lengths = Float64Array.from(values, (v) => (isMissing(v.trim()) ? NaN : v.length));
      return { ...base, kind: 'text', numbers: lengths, labels: null, bins: histogram(lengths) };
    }
    if (counts.size > MAX_CATEGORY_VALUES) return { ...base, kind: 'too-many', numbers: null, labels: null };
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = new Set(ranked.slice(0, TOP_VALUES).map(([v]) => v));
  const labels = values.map((v) => (isMissing(v.trim()) ? '' : top.has(v.trim()) ? v.trim() : OTHER_VALUE));
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
