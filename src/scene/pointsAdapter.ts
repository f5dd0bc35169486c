// Turns workspace data + view state into the typed arrays the scene draws.
import { groupColour, NO_GROUP, scaleColour } from '../core/colouring';

export const SCENE_RADIUS = 10;

export interface Frame {
  center: [number, number, number];
  scale: number;
}

/**
 * Centre the layout and scale it so that 95% of its points lie within SCENE_RADIUS: a few far
 * outliers (common in UMAP and t-SNE) would otherwise shrink everything else to a dot.
 */
export function frameFor(coords: Float32Array): Frame {
  const count = coords.length / 3;
  const center: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < count; i++) for (let c = 0; c < 3; c++) center[c]! += coords[i * 3 + c]! / count;
  const radii = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let d = 0;
    for (let c = 0; c < 3; c++) d += (coords[i * 3 + c]! - center[c]!) ** 2;
    radii[i] = Math.sqrt(d);
  }
  radii.sort();
  const radius = count > 0 ? radii[Math.min(count - 1, Math.floor(0.95 * count))]! : 0;
  return { center, scale: radius > 0 ? SCENE_RADIUS / radius : 1 };
}

export function toScene(coords: Float32Array, frame: Frame, out: Float32Array = new Float32Array(coords.length)): Float32Array {
  for (let i = 0; i < coords.length; i++) out[i] = (coords[i]! - frame.center[i % 3]!) * frame.scale;
  return out;
}

/** Low recall red, half yellow, full green: how many of a point's true neighbours the picture keeps. */
export function recallColor(recall: number): [number, number, number] {
  if (Number.isNaN(recall)) return [0.45, 0.45, 0.5]; // not measured (sampled points only)
  const r = Math.max(0, Math.min(1, recall));
  return r < 0.5 ? [0.95, 0.25 + 1.3 * r, 0.25] : [0.95 - 1.5 * (r - 0.5), 0.9, 0.25 + 0.2 * (r - 0.5)];
}

/** What a point's colour says (see state/colouring.ts for where these come from). */
export type Colours =
  | { kind: 'groups'; groupOf: Int32Array }
  | { kind: 'numeric'; values: Float64Array; min: number; max: number }
  | { kind: 'recall'; recall: Float32Array | null }
  | { kind: 'retrieval'; gold: number[] }
  /** nothing to colour by (a column with too many values): one colour */
  | { kind: 'plain' };

export interface Highlight {
  colours: Colours;
  /** 1 = placed into the layout rather than laid out: drawn paler */
  placed?: Uint8Array | null;
  /** the answer within the cut, best first */
  results: number[];
  /** the ranks just beyond the cut */
  beyond?: number[];
  selected: number | null;
  neighbours: number[];
  /** legend entries hidden (group keys: ≥ 0, −1 none, −2 other) */
  hidden?: ReadonlySet<number>;
  /** the text search's matches (null: no search) */
  search?: Uint8Array | null;
  /** the lasso's (or a legend entry's) chunks, outlined; with `onlyChosen` the rest is hidden */
  chosen?: Uint8Array | null;
  onlyChosen?: boolean;
  /** the rows the Columns panel's filters keep (null: no filter); the rest are not drawn */
  filtered?: Uint8Array | null;
}

/** What the GPU reads per point, packed small (vertex fetch is much of the cost at 200,000 points). */
export interface PointBuffers {
  /** 0..255 per channel */
  colors: Uint8Array;
  /** alpha (0 hidden: not drawn, not pickable; below 1 dimmed) + 2 if drawn large + 4 if outlined */
  styles: Float32Array;
}

export const packStyle = (alpha: number, large: boolean, outlined: boolean): number => alpha + (large ? 2 : 0) + (outlined ? 4 : 0);

export function unpackStyle(style: number): { alpha: number; large: boolean; outlined: boolean } {
  const outlined = style >= 4;
  const rest = outlined ? style - 4 : style;
  const large = rest >= 2;
  return { alpha: large ? rest - 2 : rest, large, outlined };
}

/** a point's size in scene units up to 1,000 points (see densitySize) */
export const BASE_SIZE = 0.25;
/** results, neighbours and search matches are drawn this much larger */
export const LARGE = 1.8;
/** how dim points outside the focus (a query's answer, a search's matches) are drawn */
export const DIM_ALPHA = 0.22;

const RESULT_COLOUR = [1, 0.85, 0.3] as const;
const BEYOND_COLOUR = [0.85, 0.45, 0.2] as const;
const GOLD_COLOUR = [1, 0.3, 0.9] as const;

function baseColour(colours: Colours, i: number, rankOf: Map<number, number>, beyond: Set<number>, resultCount: number): readonly [number, number, number] {
  switch (colours.kind) {
    case 'groups':
      return groupColour(colours.groupOf[i] ?? -1);
    case 'numeric': {
      const span = colours.max - colours.min;
      return scaleColour(span > 0 ? (colours.values[i]! - colours.min) / span : 0.5);
    }
    case 'recall':
      return colours.recall ? recallColor(colours.recall[i] ?? NaN) : NO_GROUP;
    case 'retrieval': {
      const rank = rankOf.get(i);
      if (rank !== undefined) {
        const light = 1 - (0.45 * rank) / Math.max(1, resultCount);
        return [RESULT_COLOUR[0] * light, RESULT_COLOUR[1] * light, RESULT_COLOUR[2] * light];
      }
      if (beyond.has(i)) return BEYOND_COLOUR;
      return colours.gold.includes(i) ? GOLD_COLOUR : NO_GROUP;
    }
    case 'plain':
      return groupColour(0);
  }
}

/** The group key a legend toggle hides, for the group colourings. */
const groupKey = (colours: Colours, i: number): number | null => (colours.kind === 'groups' ? (colours.groupOf[i] ?? -1) : null);

/**
 * Colour, size, alpha and outline of every point: results, neighbours and search matches stand
 * out while the rest dims; hidden groups, filtered-out rows and (with onlyChosen) unchosen points are not drawn. The
 * selected and hovered points are drawn by the shader from uniforms, so a hover changes no buffer.
 */
export function pointStyles(count: number, highlight: Highlight, out: PointBuffers): void {
  const { colours, results, neighbours, selected, hidden, search, chosen, onlyChosen, filtered } = highlight;
  const rankOf = new Map(results.map((index, rank) => [index, rank]));
  const beyond = new Set(highlight.beyond ?? []);
  const emphasised = new Set([...results, ...neighbours]);
  const queryFocus = results.length > 0 || selected !== null;
  for (let i = 0; i < count; i++) {
    const [r, g, b] = baseColour(colours, i, rankOf, beyond, results.length);
    const pale = highlight.placed?.[i] ? 0.55 : 0; // mixed towards white
    out.colors[i * 3] = Math.round((r + (1 - r) * pale) * 255);
    out.colors[i * 3 + 1] = Math.round((g + (1 - g) * pale) * 255);
    out.colors[i * 3 + 2] = Math.round((b + (1 - b) * pale) * 255);
    const key = groupKey(colours, i);
    const shown = !(key !== null && hidden?.has(key)) && !(onlyChosen && chosen && !chosen[i]) && !(filtered && !filtered[i]);
    const inFocus = search ? search[i] === 1 : !queryFocus || emphasised.has(i) || i === selected;
    out.styles[i] = packStyle(!shown ? 0 : inFocus ? 1 : DIM_ALPHA, emphasised.has(i) || search?.[i] === 1, chosen?.[i] === 1);
  }
}

/** Points of about this size (scene units) stay apart at this count: smaller as the corpus grows. */
export function densitySize(count: number): number {
  return BASE_SIZE * Math.max(0.15, Math.min(1, Math.cbrt(1000 / Math.max(1, count))));
}

/** The centre of some points and the radius that holds most of them, in scene coordinates. */
export function extentOf(positions: Float32Array, indices: readonly number[]): { centre: [number, number, number]; radius: number } {
  const centre: [number, number, number] = [0, 0, 0];
  for (const i of indices) for (let c = 0; c < 3; c++) centre[c]! += positions[i * 3 + c]! / indices.length;
  const distances = indices
    .map((i) => Math.hypot(positions[i * 3]! - centre[0], positions[i * 3 + 1]! - centre[1], positions[i * 3 + 2]! - centre[2]))
    .sort((a, b) => a - b);
  return { centre, radius: distances[Math.floor(0.9 * (distances.length - 1))] ?? 0 };
}

/** Moves `from` towards `to` by t ∈ [0, 1] into `out` (smoothstep easing). */
export function interpolate(from: Float32Array, to: Float32Array, t: number, out: Float32Array): void {
  const s = t * t * (3 - 2 * t);
  for (let i = 0; i < out.length; i++) out[i] = from[i]! + (to[i]! - from[i]!) * s;
}
