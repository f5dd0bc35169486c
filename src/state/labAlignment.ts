// Space B's picture aligned onto the picture on screen (orthogonal Procrustes, core/lab/align.ts),
// found again whenever either layout changes: layouts are replaced, never written in place, so the
// arrays' identity says when.
import { type Alignment, alignLayouts } from '../core/lab/align';
import { type ChunkMatch, matchedPairs } from '../core/lab/matchChunks';
import { useOrrery, useSpace } from './hooks';
import { useOrreryStore } from './store';
import { spaceOf } from './workspace/data';
import { activeSpace } from './workspace/spaces';

let cache: { a: Float32Array; b: Float32Array; match: ChunkMatch | null; alignment: Alignment & { shared: number } } | null = null;

/** B aligned onto A over the chunks both have (another chunking: matched by characters), or null without a comparison (or before both are laid out). */
export function labAlignment(): (Alignment & { shared: number }) | null {
  const { lab, spaces } = useOrreryStore.getState();
  if (!lab || !spaces[lab.space]) return null;
  const a = activeSpace().coords;
  const b = spaceOf(lab.space).coords;
  const { match } = lab;
  if (a.length === 0 || b.length === 0 || (!match && a.length !== b.length)) return null;
  if (cache?.a !== a || cache.b !== b || cache.match !== match) {
    const pairs = match ? matchedPairs(match) : undefined;
    cache = { a, b, match, alignment: { ...alignLayouts(a, b, 3, pairs), shared: pairs ? pairs.length / 2 : a.length / 3 } };
  }
  return cache.alignment;
}

/** The alignment, for views: re-renders when the comparison or the picture on screen changes. */
export function useLabAlignment(): Alignment | null {
  useOrrery((s) => s.lab);
  useSpace((w) => w.coords);
  return labAlignment();
}
