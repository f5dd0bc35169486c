// What the points' colours mean now: groups with a palette (clusters, sources, a metadata
// column's values), a numeric column on a scale, neighbour recall, or the last query's results.
// Derived from the workspace and the store; the legend and the scene read the same answer.
import { type ColumnScale, columnScale, columnValues, groupColour, NO_GROUP, type Rgb } from '../core/colouring';
import { TAGS_COLUMN, tagCounts, UNTAGGED } from '../core/tags';
import { activeSpace } from './workspace/spaces';
import { activeOf, type OrreryState } from './slices';

export interface Group {
  /** the value hidden or shown by the legend: ≥ 0 a group, −1 no group, −2 "other" */
  key: number;
  name: string;
  count: number;
  colour: Rgb;
}

export type PointColouring =
  | { kind: 'groups'; title: string; groupOf: Int32Array; groups: Group[] }
  | { kind: 'numeric'; title: string; values: Float64Array; min: number; max: number; missing: number }
  | { kind: 'too-many'; title: string; distinct: number }
  | { kind: 'recall' }
  /** the model lab's neighbour overlap of each chunk between space A and space B */
  | { kind: 'overlap'; overlap: Float32Array }
  | { kind: 'retrieval' };

const RESULT: Rgb = [1, 0.85, 0.3];
export const RETRIEVAL_KEY: { name: string; colour: Rgb }[] = [
  { name: 'returned (brighter: higher rank)', colour: RESULT },
  { name: 'just beyond the cut', colour: [0.85, 0.45, 0.2] },
  { name: 'gold, not returned', colour: [1, 0.3, 0.9] },
  { name: 'not returned', colour: NO_GROUP },
];

/** counts per group array: the legend, the scene and the automation surface ask again for the same one (0.1 s a time at a million rows) */
const countsOf = new WeakMap<Int32Array, Map<number, number>>();

/** The size of each group; group arrays are replaced, never changed in place, so one count serves each. */
export function groupSizes(groupOf: Int32Array): Map<number, number> {
  let counts = countsOf.get(groupOf);
  if (counts) return counts;
  counts = new Map<number, number>();
  // plain loop and an array for the usual small keys: a Map update per row was most of the time
  const small = new Int32Array(256);
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i]!;
    if (g >= 0 && g < 256) small[g]!++;
    else counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  small.forEach((n, g) => n > 0 && counts.set(g, n));
  countsOf.set(groupOf, counts);
  return counts;
}

function groupsFrom(title: string, groupOf: Int32Array, names: string[], extra: { key: number; name: string }[]): PointColouring {
  const counts = groupSizes(groupOf);
  const groups: Group[] = names.map((name, key) => ({ key, name, count: counts.get(key) ?? 0, colour: groupColour(key) }));
  for (const { key, name } of extra) if (counts.get(key)) groups.push({ key, name, count: counts.get(key)!, colour: NO_GROUP });
  return { kind: 'groups', title, groupOf, groups };
}

let scaleCache: { documents: unknown; table: unknown; column: string; scale: ColumnScale } | null = null;

/** A metadata column's scale, read once per corpus and column. */
export function columnScaleOf(column: string): ColumnScale {
  const { documents, table } = activeSpace();
  if (scaleCache?.documents !== documents || scaleCache.table !== table || scaleCache.column !== column) {
    scaleCache = { documents, table, column, scale: columnScale(columnValues(documents, table, column)) };
  }
  return scaleCache.scale;
}

export function pointColouring(s: Pick<OrreryState, 'colourMode' | 'colourColumn' | 'activeSpace' | 'spaces' | 'lab' | 'tags'>): PointColouring {
  const { table, clusterLabels } = activeSpace();
  const count = table.texts.length;
  if (s.colourMode === 'recall') return { kind: 'recall' };
  // without a comparison (closed, or a shared view's mode), the clusters
  if (s.colourMode === 'overlap' && s.lab?.overlap.length === count) return { kind: 'overlap', overlap: s.lab.overlap };
  if (s.colourMode === 'retrieval') return { kind: 'retrieval' };
  if (s.colourMode === 'metadata' && s.colourColumn === TAGS_COLUMN) {
    // a chunk with several tags takes the colour of its most common one
    const names = tagCounts(s.tags).map((t) => t.name);
    const groupOf = new Int32Array(count).fill(-1);
    names.forEach((name, key) => (s.tags[name] ?? []).forEach((r) => r < count && groupOf[r] === -1 && (groupOf[r] = key)));
    return groupsFrom('Tags', groupOf, names, [{ key: -1, name: UNTAGGED }]);
  }
  if (s.colourMode === 'metadata' && s.colourColumn) {
    const scale = columnScaleOf(s.colourColumn);
    const title = s.colourColumn;
    if (scale.kind === 'numeric') return { kind: 'numeric', title, values: scale.values, min: scale.min, max: scale.max, missing: scale.missing };
    if (scale.kind === 'too-many') return { kind: 'too-many', title, distinct: scale.distinct };
    return groupsFrom(
      title,
      scale.groups,
      scale.categories.map((c) => c.name),
      [
        { key: -2, name: 'other values' },
        { key: -1, name: 'no value' },
      ],
    );
  }
  if ((s.colourMode === 'cluster' || s.colourMode === 'overlap') && clusterLabels.length === count && count > 0) {
    return groupsFrom(
      'Clusters',
      clusterLabels,
      activeOf(s).clusters.map((c) => c.terms.join(' · ') || `cluster ${c.id + 1}`),
      [{ key: -1, name: 'unclustered' }],
    );
  }
  return groupsFrom('Sources', table.sourceIds, table.sources, []);
}

/** The chunks of one legend entry. */
export function groupMembers(groupOf: Int32Array, key: number): number[] {
  const out: number[] = [];
  groupOf.forEach((g, i) => g === key && out.push(i));
  return out;
}
