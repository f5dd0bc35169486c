// How well one space's vectors agree with labelled pairs, by MTEB's measures: triplet accuracy,
// Spearman correlation of cosine with scores, pair classification's accuracy and average precision
// at the best threshold, recall@k of each positive among all the file's texts, and for texts with a
// class the same pair classification over every two texts plus nearest-neighbour accuracy. Each row
// also gets how wrong the space is about it, so the worst rows can be listed.
import type { VectorRows } from '../vectors';
import { unitRows } from '../knn';
import type { Steps } from '../steps';
import type { PairFormat, PairItem } from './pairs';

export interface PairMeasures {
  tripletAccuracy?: number;
  spearman?: number;
  accuracy?: number;
  averagePrecision?: number;
  /** the cosine above which a pair is called similar, where accuracy is best */
  threshold?: number;
  recall1?: number;
  recall5?: number;
  recall10?: number;
  nearestNeighbourAccuracy?: number;
}

export interface PairResult {
  measures: PairMeasures;
  /** per row, the cosine of its two texts (a class row: of the text and its nearest other) */
  similarity: Float32Array;
  /** per row, how wrong the space is about it: higher is worse, above 0 is wrong where that has a meaning */
  wrongness: Float32Array;
}

/** Ranks from 1, ties given their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((x, y) => values[x]! - values[y]!);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]!] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export const spearman = (x: ArrayLike<number>, y: ArrayLike<number>) => pearson(averageRanks(x), averageRanks(y));

/** Accuracy of "similar when cosine ≥ t" at the best t, and that t (midway between two cosines). */
export function bestThreshold(similarity: ArrayLike<number>, labels: ArrayLike<number>): { accuracy: number; threshold: number } {
  const n = similarity.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => similarity[y]! - similarity[x]!);
  let negatives = 0;
  for (let i = 0; i < n; i++) if (!labels[i]) negatives++;
  // nothing called similar: every negative is right
  let correct = negatives;
  let best = { correct, threshold: similarity[order[0]!]! + 1e-6 };
  for (let i = 0; i < n; i++) {
    correct += labels[order[i]!] ? 1 : -1;
    const next = similarity[order[i + 1]!];
    if (next === similarity[order[i]!]) continue;
    if (correct > best.correct) best = { correct, threshold: next === undefined ? similarity[order[i]!]! - 1e-6 : (similarity[order[i]!]! + next) / 2 };
  }
  return { accuracy: best.correct / n, threshold: best.threshold };
}

/** Average precision of ranking by similarity (as scikit-learn computes it: tied scores share one step). */
export function averagePrecision(similarity: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: similarity.length }, (_, i) => i).sort((x, y) => similarity[y]! - similarity[x]!);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  if (positives === 0) return 0;
  let hits = 0;
  let ap = 0;
  let recalled = 0;
  for (let i = 0; i < order.length; i++) {
    if (labels[order[i]!]) hits++;
    if (similarity[order[i + 1]!] === similarity[order[i]!]) continue;
    ap += ((hits - recalled) / positives) * (hits / (i + 1));
    recalled = hits;
  }
  return ap;
}

/** Measures the rows of a labelled-pairs file against one space's vectors of its texts (count × dims). */
export function* measurePairs(format: PairFormat, items: PairItem[], vectors: VectorRows, dims: number): Steps<PairResult> {
  const count = vectors.length / dims;
  const unit = unitRows(vectors, count, dims);
  const cos = (i: number, j: number) => {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += unit[i * dims + d]! * unit[j * dims + d]!;
    return dot;
  };
  const n = items.length;
  const similarity = new Float32Array(n);
  const wrongness = new Float32Array(n);
  if (format === 'classes') return yield* classMeasures(items, cos);
  for (let i = 0; i < n; i++) similarity[i] = cos(items[i]!.first, items[i]!.second);
  const measures: PairMeasures = {};
  if (format === 'triplets') {
    let right = 0;
    for (let i = 0; i < n; i++) {
      wrongness[i] = cos(items[i]!.first, items[i]!.negative!) - similarity[i]!;
      if (wrongness[i]! < 0) right++;
    }
    measures.tripletAccuracy = right / n;
  } else if (format === 'scored pairs') {
    const scores = items.map((item) => item.score!);
    measures.spearman = spearman(similarity, scores);
    const bySimilarity = averageRanks(similarity);
    const byScore = averageRanks(scores);
    for (let i = 0; i < n; i++) wrongness[i] = Math.abs(bySimilarity[i]! - byScore[i]!) / n;
  } else if (format === 'labelled pairs') {
    const labels = items.map((item) => item.score!);
    const { accuracy, threshold } = bestThreshold(similarity, labels);
    Object.assign(measures, { accuracy, threshold, averagePrecision: averagePrecision(similarity, labels) });
    for (let i = 0; i < n; i++) wrongness[i] = labels[i] ? threshold - similarity[i]! : similarity[i]! - threshold;
  } else {
    // each positive's rank among all the file's texts but its anchor
    const found = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const { first, second } = items[i]!;
      let above = 0;
      for (let t = 0; t < count; t++) if (t !== first && t !== second && cos(first, t) > similarity[i]!) above++;
      wrongness[i] = above;
      [1, 5, 10].forEach((k, j) => (found[j]! += above < k ? 1 : 0));
      yield i / n;
    }
    Object.assign(measures, { recall1: found[0]! / n, recall5: found[1]! / n, recall10: found[2]! / n });
  }
  return { measures, similarity, wrongness };
}

/** Texts with a class: every two texts as a pair, similar when of one class; and each text's nearest other. */
function* classMeasures(items: PairItem[], cos: (i: number, j: number) => number): Steps<PairResult> {
  const n = items.length;
  const pairSimilarity = new Float32Array((n * (n - 1)) / 2);
  const pairLabels = new Uint8Array(pairSimilarity.length);
  const bestSame = new Float32Array(n).fill(-Infinity);
  const bestOther = new Float32Array(n).fill(-Infinity);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, p++) {
      const s = cos(items[i]!.first, items[j]!.first);
      const same = items[i]!.group === items[j]!.group;
      pairSimilarity[p] = s;
      pairLabels[p] = same ? 1 : 0;
      const best = same ? bestSame : bestOther;
      if (s > best[i]!) best[i] = s;
      if (s > best[j]!) best[j] = s;
    }
    yield i / n;
  }
  const { accuracy, threshold } = bestThreshold(pairSimilarity, pairLabels);
  let right = 0;
  for (let i = 0; i < n; i++) if (bestSame[i]! >= bestOther[i]!) right++;
  return {
    measures: { accuracy, threshold, averagePrecision: averagePrecision(pairSimilarity, pairLabels), nearestNeighbourAccuracy: right / n },
    similarity: Float32Array.from(bestSame, (s, i) => Math.max(s, bestOther[i]!)),
    // the nearest text of another class less the nearest of its own (a text alone in its class: 1)
    wrongness: Float32Array.from(bestOther, (s, i) => (Number.isFinite(bestSame[i]!) ? s - bestSame[i]! : 1)),
  };
}
