// Where the scene draws a labelled-pairs file: the rows either space gets wrong (the worst of each), each text placed
// in A's picture by its vector in A (as a query is placed), positives green and negatives red. Found
// again when A's picture or the file's measures change.
import type { PairResult } from '../core/lab/pairMeasures';
import type { PairFormat } from '../core/lab/pairs';
import { useOrrery, useSpace } from './hooks';
import { placeInLayout } from './layoutActions';
import type { PairsComparison } from './labSlice';
import { useOrreryStore } from './store';
import { activeSpace } from './workspace/spaces';

/** Rows drawn per space, the worst of each. */
export const DRAWN_PAIRS = 15;

/** Rows the space gets wrong, worst first (a scored pair is never simply wrong: those that disagree most with the scores). */
export function worstRows(format: PairFormat, result: PairResult, count: number): number[] {
  return Array.from(result.wrongness.keys())
    .filter((row) => format === 'scored pairs' || result.wrongness[row]! > 0)
    .sort((x, y) => result.wrongness[y]! - result.wrongness[x]!)
    .slice(0, count);
}

export interface PairLines {
  /** per segment, its two ends in layout coordinates (segments × 6) */
  ends: Float32Array;
  /** per segment: 1 for a pair that belongs together, 0 for a negative */
  positive: Uint8Array;
  rows: number[];
}

let cache: { pairs: PairsComparison; coords: Float32Array; lines: PairLines } | null = null;

function linesOf(pairs: PairsComparison): PairLines {
  const space = activeSpace();
  const dims = pairs.vectorsA.length / pairs.texts.length;
  const placed = new Map<number, Float32Array>();
  const at = (text: number) => {
    let p = placed.get(text);
    if (!p) {
      p = placeInLayout(space, pairs.vectorsA.subarray(text * dims, (text + 1) * dims));
      placed.set(text, p);
    }
    return p;
  };
  const rows = [...new Set([...worstRows(pairs.format, pairs.a, DRAWN_PAIRS), ...worstRows(pairs.format, pairs.b, DRAWN_PAIRS)])];
  const scores = pairs.items.map((item) => item.score ?? 1);
  const middle = (Math.min(...scores) + Math.max(...scores)) / 2;
  const segments: [number, number, boolean][] = [];
  for (const row of rows) {
    const item = pairs.items[row]!;
    const belongs = pairs.format === 'labelled pairs' ? item.score === 1 : item.score === undefined || item.score >= middle;
    segments.push([item.first, item.second, belongs]);
    if (item.negative !== undefined) segments.push([item.first, item.negative, false]);
  }
  const ends = new Float32Array(segments.length * 6);
  segments.forEach(([from, to], i) => {
    ends.set(at(from), i * 6);
    ends.set(at(to), i * 6 + 3);
  });
  return { ends, positive: Uint8Array.from(segments, ([, , positive]) => (positive ? 1 : 0)), rows };
}

/** The lines of the lab's pairs file in A's picture, or null (none loaded, texts with a class, or no picture yet). */
export function pairLines(): PairLines | null {
  const pairs = useOrreryStore.getState().lab?.pairs;
  const { coords } = activeSpace();
  if (!pairs || pairs.format === 'classes' || coords.length === 0) return null;
  if (cache?.pairs !== pairs || cache.coords !== coords) cache = { pairs, coords, lines: linesOf(pairs) };
  return cache.lines;
}

/** The lines, for the scene: drawn again when the file or A's picture changes. */
export function usePairLines(): PairLines | null {
  useOrrery((s) => s.lab?.pairs);
  useSpace((w) => w.coords);
  return pairLines();
}
