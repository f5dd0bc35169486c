// Colours for points: a categorical palette for groups (clusters, sources, a metadata column's
// values), a sequential scale for numbers, and how a metadata column is read: numbers get the
// scale, a few distinct values get the palette, too many get neither.
import { isMissing } from './columnCharts';
import type { ChunkTable, SourceDocument } from './corpus';

/** What the points can be coloured by (a share link names one). */
export const COLOUR_MODES = ['cluster', 'source', 'metadata', 'recall', 'overlap', 'retrieval'] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];

export type Rgb = readonly [number, number, number];

// Twenty hues readable on a dark and (multiplied by LIGHT_THEME_SHADE) on a light background.
const PALETTE: Rgb[] = [
  [0.35, 0.7, 1.0],
  [1.0, 0.6, 0.25],
  [0.45, 0.9, 0.5],
  [1.0, 0.4, 0.55],
  [0.75, 0.55, 1.0],
  [0.95, 0.85, 0.3],
  [0.3, 0.9, 0.85],
  [1.0, 0.5, 0.85],
  [0.65, 0.8, 0.35],
  [0.95, 0.7, 0.6],
  [0.55, 0.65, 0.95],
  [0.85, 0.85, 0.85],
  [0.6, 0.95, 0.75],
  [0.9, 0.45, 0.3],
  [0.5, 0.5, 1.0],
  [0.8, 0.65, 0.35],
  [0.4, 0.75, 0.7],
  [0.85, 0.55, 0.7],
  [0.7, 0.9, 0.95],
  [0.75, 0.75, 0.5],
];
/** points in no group (unclustered, no value) */
export const NO_GROUP: Rgb = [0.42, 0.45, 0.52];

export const groupColour = (group: number): Rgb => (group < 0 ? NO_GROUP : PALETTE[group % PALETTE.length]!);

// viridis-like: dark blue → teal → yellow, readable against both themes
const SCALE: Rgb[] = [
  [0.27, 0.0, 0.33],
  [0.23, 0.32, 0.55],
  [0.13, 0.57, 0.55],
  [0.37, 0.79, 0.38],
  [0.99, 0.91, 0.14],
];

/** t in [0, 1] on the sequential scale; NaN is NO_GROUP. */
export function scaleColour(t: number): Rgb {
  if (Number.isNaN(t)) return NO_GROUP;
  const x = Math.max(0, Math.min(1, t)) * (SCALE.length - 1);
  const i = Math.min(SCALE.length - 2, Math.floor(x));
  const f = x - i;
  const a = SCALE[i]!;
  const b = SCALE[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export const toCss = (c: Rgb): string => `rgb(${c.map((v) => Math.round(v * 255)).join(',')})`;

/** The metadata columns of the corpus's tables (every field but the text), in order of appearance. */
export function metadataColumns(documents: readonly SourceDocument[]): string[] {
  const seen = new Set<string>();
  for (const doc of documents) for (const f of doc.table?.fields ?? []) if (f !== doc.table!.textField) seen.add(f);
  return [...seen];
}

/** Each chunk's value in a metadata column ('' where its document has no such column). */
export function columnValues(documents: readonly SourceDocument[], table: ChunkTable, column: string): string[] {
  const fieldOf = documents.map((d) => d.table?.fields.indexOf(column) ?? -1);
  return table.texts.map((_, i) => {
    const doc = documents[table.sourceIds[i]!];
    const field = fieldOf[table.sourceIds[i]!]!;
    const section = table.sectionIds[i]!;
    const row = section >= 0 ? doc?.sections?.[section]?.row : undefined;
    return field < 0 || row === undefined ? '' : (doc!.table!.rows[row]?.[field] ?? '').trim();
  });
}

/** the palette's size: more values than this get "other" */
export const MAX_CATEGORIES = 20;
/** past this many distinct values a column is not coloured at all */
export const MAX_DISTINCT = 200;

export interface Category {
  name: string;
  count: number;
}

export type ColumnScale =
  /** group of each chunk: index into categories, −1 no value, −2 other */
  | { kind: 'categorical'; groups: Int32Array; categories: Category[]; other: number; missing: number }
  /** the number of each chunk (NaN: no value), with its range */
  | { kind: 'numeric'; values: Float64Array; min: number; max: number; missing: number }
  | { kind: 'too-many'; distinct: number; missing: number };

/** How a column is coloured: numbers (more than a palette's worth) on the scale, else categories. */
export function columnScale(values: readonly string[]): ColumnScale {
  const counts = new Map<string, number>();
  let missing = 0;
  let numeric = true;
  for (const v of values) {
    if (isMissing(v)) {
      missing++;
      continue;
    }
    if (numeric && !Number.isFinite(Number(v))) numeric = false;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (numeric && counts.size > MAX_CATEGORIES) {
    const numbers = new Float64Array(values.length);
    let min = Infinity;
    let max = -Infinity;
    values.forEach((v, i) => {
      const x = isMissing(v) ? NaN : Number(v);
      numbers[i] = x;
      if (!Number.isNaN(x)) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    });
    return { kind: 'numeric', values: numbers, min, max, missing };
  }
  if (counts.size > MAX_DISTINCT) return { kind: 'too-many', distinct: counts.size, missing };
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = ranked.length > MAX_CATEGORIES ? ranked.slice(0, MAX_CATEGORIES - 1) : ranked;
  const index = new Map(shown.map(([name], i) => [name, i]));
  const groups = Int32Array.from(values, (v) => (isMissing(v) ? -1 : (index.get(v) ?? -2)));
  const other = ranked.slice(shown.length).reduce((n, [, c]) => n + c, 0);
  return { kind: 'categorical', groups, categories: shown.map(([name, count]) => ({ name, count })), other, missing };
}
