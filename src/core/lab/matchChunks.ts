// Two chunkings of the same documents, matched by the characters their chunks cover: each chunk of
// one is paired with the chunk of the other that shares most of its characters (the model lab
// compares neighbourhoods, pictures and answers across chunkings through it).
import type { ChunkTable } from '../corpus';

export type ChunkSpans = Pick<ChunkTable, 'sourceIds' | 'starts' | 'ends'>;

export interface ChunkMatch {
  /** per chunk of B, the chunk of A sharing most of its characters (−1: none) */
  rowOfBInA: Int32Array;
  /** per chunk of A, the chunk of B sharing most of its characters (−1: none) */
  rowOfAInB: Int32Array;
}

/** For each row of `from`, the row of `to` in the same source whose span overlaps it most. */
function bestOverlaps(from: ChunkSpans, to: ChunkSpans): Int32Array {
  // rows of `to` by source, in order of start, for a binary search per row of `from`
  const bySource = new Map<number, number[]>();
  for (let r = 0; r < to.starts.length; r++) {
    const list = bySource.get(to.sourceIds[r]!) ?? [];
    list.push(r);
    bySource.set(to.sourceIds[r]!, list);
  }
  for (const list of bySource.values()) list.sort((x, y) => to.starts[x]! - to.starts[y]!);
  // chunks may overlap their neighbours, so a run of earlier starts is scanned back over
  const longest = new Map<number, number>();
  for (const [source, list] of bySource) longest.set(source, Math.max(0, ...list.map((r) => to.ends[r]! - to.starts[r]!)));
  const out = new Int32Array(from.starts.length).fill(-1);
  for (let r = 0; r < from.starts.length; r++) {
    const list = bySource.get(from.sourceIds[r]!);
    if (!list) continue;
    const start = from.starts[r]!;
    const end = from.ends[r]!;
    // the first candidate that could still reach `start`
    const reach = start - longest.get(from.sourceIds[r]!)!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (to.starts[list[mid]!]! < reach) lo = mid + 1;
      else hi = mid;
    }
    let best = 0;
    for (let i = lo; i < list.length && to.starts[list[i]!]! < end; i++) {
      const row = list[i]!;
      const shared = Math.min(end, to.ends[row]!) - Math.max(start, to.starts[row]!);
      if (shared > best) {
        best = shared;
        out[r] = row;
      }
    }
  }
  return out;
}

export function matchChunks(a: ChunkSpans, b: ChunkSpans): ChunkMatch {
  return { rowOfBInA: bestOverlaps(b, a), rowOfAInB: bestOverlaps(a, b) };
}

/** [rowInA, rowInB] for every chunk of B with a match in A: the items two pictures are aligned on. */
export function matchedPairs(match: ChunkMatch): Int32Array {
  const pairs: number[] = [];
  match.rowOfBInA.forEach((a, b) => a >= 0 && pairs.push(a, b));
  return Int32Array.from(pairs);
}
