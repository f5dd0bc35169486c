// Turns workspace data + view state into the typed arrays the scene draws.

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

export function toScene(coords: Float32Array, frame: Frame, out = new Float32Array(coords.length)): Float32Array {
  for (let i = 0; i < coords.length; i++) out[i] = (coords[i]! - frame.center[i % 3]!) * frame.scale;
  return out;
}

// A palette readable on a dark background, one colour per source document.
const PALETTE = [
  [0.35, 0.7, 1.0], [1.0, 0.6, 0.25], [0.45, 0.9, 0.5], [1.0, 0.4, 0.55], [0.75, 0.55, 1.0], [0.95, 0.85, 0.3],
  [0.3, 0.9, 0.85], [1.0, 0.5, 0.85], [0.65, 0.8, 0.35], [0.95, 0.7, 0.6], [0.55, 0.65, 0.95], [0.85, 0.85, 0.85],
] as const;

export function sourceColor(sourceId: number): readonly [number, number, number] {
  return PALETTE[sourceId % PALETTE.length]!;
}

/** Low recall red, half yellow, full green: how many of a point's true neighbours the picture keeps. */
export function recallColor(recall: number): [number, number, number] {
  if (Number.isNaN(recall)) return [0.45, 0.45, 0.5]; // not measured (sampled points only)
  const r = Math.max(0, Math.min(1, recall));
  return r < 0.5 ? [0.95, 0.25 + 1.3 * r, 0.25] : [0.95 - 1.5 * (r - 0.5), 0.9, 0.25 + 0.2 * (r - 0.5)];
}

export interface Highlight {
  /** when set, colour by neighbour recall instead of by source */
  recall?: Float32Array | null;
  /** 1 = placed into the layout rather than laid out: drawn paler */
  placed?: Uint8Array | null;
  results: number[];
  selected: number | null;
  neighbours: number[];
  hovered: number | null;
}

export const BASE_SIZE = 0.5;

/** Colours and sizes per point: results and the selection stand out; the rest dims while a query is shown. */
export function pointStyles(sourceIds: Int32Array, highlight: Highlight, colors: Float32Array, sizes: Float32Array): void {
  const count = sourceIds.length;
  const focus = highlight.results.length > 0 || highlight.selected !== null;
  const emphasised = new Set([...highlight.results, ...highlight.neighbours]);
  for (let i = 0; i < count; i++) {
    const [r, g, b] = highlight.recall ? recallColor(highlight.recall[i] ?? 0) : sourceColor(sourceIds[i]!);
    const strong = !focus || emphasised.has(i) || i === highlight.selected;
    const k = strong ? 1 : 0.4;
    const pale = highlight.placed?.[i] ? 0.55 : 0; // mixed towards white
    colors[i * 3] = (r + (1 - r) * pale) * k;
    colors[i * 3 + 1] = (g + (1 - g) * pale) * k;
    colors[i * 3 + 2] = (b + (1 - b) * pale) * k;
    sizes[i] = BASE_SIZE * (emphasised.has(i) ? 2 : 1);
  }
  for (const i of [highlight.selected, highlight.hovered]) {
    if (i === null || i >= count) continue;
    colors.set([1, 1, 1], i * 3);
    sizes[i] = BASE_SIZE * 2.6;
  }
}

/** Moves `from` towards `to` by t ∈ [0, 1] into `out` (smoothstep easing). */
export function interpolate(from: Float32Array, to: Float32Array, t: number, out: Float32Array): void {
  const s = t * t * (3 - 2 * t);
  for (let i = 0; i < out.length; i++) out[i] = from[i]! + (to[i]! - from[i]!) * s;
}
