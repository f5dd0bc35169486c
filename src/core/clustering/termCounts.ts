// Words and two-word phrases of chunk texts counted per cluster, overall and by the chunks they
// occur in, each term an integer id. Most adjacent word pairs occur once (20,000 chunks of 70
// words hold over a million distinct pairs), and a pair names a cluster only when it occurs there
// at least `minPairCount` times: pairs are first counted in a fixed table by hash (collisions
// only add), and only those that may reach the count are kept and counted exactly.
import { counted, forEachWord } from './words';

/** a run of a chunk's words is broken here (punctuation or an uncounted word between) */
const BREAK = -1;

export class TermCounts {
  /** each term's text (a pair's words joined by a space) */
  readonly texts: string[] = [];
  /** for a pair, its two word ids */
  readonly pairs: ([number, number] | undefined)[] = [];
  readonly overall: number[] = [];
  readonly chunksWith: number[] = [];
  /** per cluster (0..clusters−1): term id → count; pairs only where they may reach minPairCount */
  readonly perCluster: Map<number, number>[];
  /** words counted per cluster (pairs not) */
  readonly totals: Float64Array;
  private readonly lastChunk: number[] = [];

  constructor(chunks: readonly string[], labels: Int32Array, clusters: number, minPairCount: number) {
    this.perCluster = Array.from({ length: clusters }, () => new Map());
    this.totals = new Float64Array(clusters);
    const { runs, ends } = this.countWords(chunks, labels);
    const candidates = this.candidatePairs(runs, ends, labels, minPairCount);
    // every occurrence of a kept pair, in any cluster or none: its overall frequency is exact
    forEachPair(runs, ends, (chunk, a, b) => {
      const pair = candidates.get(pairKey(a, b));
      if (pair !== undefined) this.count(pair, chunk, labels[chunk]!);
    });
  }

  isPair = (term: number): boolean => this.pairs[term] !== undefined;

  /** Counts every chunk's words; returns the chunks' word ids in order, runs broken by BREAK. */
  private countWords(chunks: readonly string[], labels: Int32Array): { runs: Int32Array; ends: Int32Array } {
    const ids = new Map<string, number>();
    const keep: boolean[] = [];
    let runs = new Int32Array(1 << 16);
    let length = 0;
    const push = (id: number) => {
      if (length === runs.length) runs = growTo(runs, runs.length * 2);
      runs[length++] = id;
    };
    const ends = new Int32Array(chunks.length);
    chunks.forEach((text, chunk) => {
      const cluster = labels[chunk]!;
      forEachWord(text.toLowerCase(), (word, afterPunctuation) => {
        let id = ids.get(word);
        if (id === undefined) {
          ids.set(word, (id = this.newTerm(word)));
          keep[id] = counted(word);
        }
        if (!keep[id]) return push(BREAK);
        if (afterPunctuation) push(BREAK);
        push(id);
        this.count(id, chunk, cluster);
        if (cluster >= 0 && cluster < this.totals.length) this.totals[cluster]!++;
      });
      push(BREAK);
      ends[chunk] = length;
    });
    return { runs, ends };
  }

  /** Pairs that occur at least minPairCount times in some cluster (and a few that do not), each given a term id. */
  private candidatePairs(runs: Int32Array, ends: Int32Array, labels: Int32Array, minPairCount: number): Map<number, number> {
    const clusters = this.totals.length;
    const size = Math.min(1 << 23, 2 ** Math.ceil(Math.log2(Math.max(1024, 2 * runs.length))));
    const table = new Int32Array(size);
    const inCluster = (chunk: number) => labels[chunk]! >= 0 && labels[chunk]! < clusters;
    forEachPair(runs, ends, (chunk, a, b) => {
      if (inCluster(chunk)) table[slot(a, b, labels[chunk]!, size)]!++;
    });
    const candidates = new Map<number, number>();
    forEachPair(runs, ends, (chunk, a, b) => {
      if (!inCluster(chunk) || table[slot(a, b, labels[chunk]!, size)]! < minPairCount) return;
      const key = pairKey(a, b);
      if (!candidates.has(key)) candidates.set(key, this.newTerm(`${this.texts[a]} ${this.texts[b]}`, [a, b]));
    });
    return candidates;
  }

  private newTerm(text: string, pair?: [number, number]): number {
    const id = this.texts.push(text) - 1;
    this.pairs[id] = pair;
    this.overall.push(0);
    this.chunksWith.push(0);
    this.lastChunk.push(-1);
    return id;
  }

  private count(term: number, chunk: number, cluster: number): void {
    this.overall[term]!++;
    if (this.lastChunk[term] !== chunk) {
      this.lastChunk[term] = chunk;
      this.chunksWith[term]!++;
    }
    const counts = this.perCluster[cluster];
    if (counts) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
}

function growTo(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/** Calls `each` for every two adjacent words of a run, with the chunk they are in. */
function forEachPair(runs: Int32Array, ends: Int32Array, each: (chunk: number, a: number, b: number) => void): void {
  let start = 0;
  for (let chunk = 0; chunk < ends.length; chunk++) {
    for (let i = start + 1; i < ends[chunk]!; i++) if (runs[i - 1]! >= 0 && runs[i]! >= 0) each(chunk, runs[i - 1]!, runs[i]!);
    start = ends[chunk]!;
  }
}

/** One number for a pair of word ids (ids stay far below 2^26). */
const pairKey = (a: number, b: number) => a * 2 ** 26 + b;

/** A slot of the counting table for a pair in a cluster (size a power of two). */
function slot(a: number, b: number, cluster: number, size: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x85ebca77), 0x9e3779b1) ^ Math.imul(cluster + 1, 0xc2b2ae3d);
  h ^= h >>> 15;
  return h & (size - 1);
}
