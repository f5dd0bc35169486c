// Tune retrieval on a query set: a grid of retrievers, hybrid weights, BM25's k1 and b and MMR,
// chosen by mean reciprocal rank on a seeded training split and reported on the held-out rest
// beside the settings in use, so a gain is one measured on queries the choice never saw.
import { seededRandom } from '../random';
import { type DenseReading, queryTrust } from '../languageCoverage';
import type { Steps } from '../steps';
import { bm25Scores, type Bm25Params } from './bm25';
import { denseScores } from './dense';
import { meanScores, type QueryScores, queryScores } from './metrics';
import { rankOf } from './ranking';
import { answerOrder, type CorpusIndex, fuseScores, type RetrievalSettings } from './retrieve';

/** Below this many queries a split leaves too few on either side to tell settings apart. */
export const MIN_TUNING_QUERIES = 8;
export const HELD_OUT_SHARE = 0.3;

const K1 = [0.6, 1.2, 1.8];
const B = [0.3, 0.75, 1];
const DENSE_WEIGHTS = [0.25, 0.5, 1, 2, 4];
const MMR = [
  { on: false, lambda: 0.7 },
  { on: true, lambda: 0.7 },
];
/** the ranks searched for each relevant chunk: as far as the evaluation looks; MMR's pairwise re-ranking stops sooner (beyond it, the retriever's own order) */
const DEPTH = 100;
const MMR_DEPTH = 20;

export interface TuningRequest {
  texts: string[];
  /** Q × dims */
  vectors: Float32Array;
  relevant: number[][];
  /** per query, its relevant rows' grades (null: binary) */
  grades?: (number[] | null)[];
  settings: RetrievalSettings;
  reading?: DenseReading;
  seed: number;
}

export interface TuningResult {
  gridSize: number;
  trainQueries: number;
  heldOutQueries: number;
  current: { settings: RetrievalSettings; train: QueryScores; heldOut: QueryScores };
  best: { settings: RetrievalSettings; train: QueryScores; heldOut: QueryScores };
  /** held-out MRR of the best setting minus that of the current one */
  delta: number;
}

/** Every setting the search tries, the current one first. */
export function tuningGrid(current: RetrievalSettings): RetrievalSettings[] {
  const grid: RetrievalSettings[] = [current];
  const bm25s: Bm25Params[] = K1.flatMap((k1) => B.map((b) => ({ k1, b })));
  for (const mmr of MMR) {
    grid.push({ ...current, retriever: 'dense', mmr });
    for (const bm25 of bm25s) {
      grid.push({ ...current, retriever: 'bm25', bm25, mmr });
      for (const dense of DENSE_WEIGHTS) grid.push({ ...current, retriever: 'hybrid', bm25, weights: { dense, bm25: 1 }, mmr });
    }
  }
  return grid;
}

/** A seeded split of query indices: the held-out share, and the rest to train on. */
export function splitQueries(count: number, seed: number): { train: number[]; heldOut: number[] } {
  const order = Array.from({ length: count }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const held = Math.max(1, Math.round(count * HELD_OUT_SHARE));
  return { heldOut: order.slice(0, held).sort((a, b) => a - b), train: order.slice(held).sort((a, b) => a - b) };
}

const bm25Key = (p: Bm25Params) => `${p.k1} ${p.b}`;

export function* tuningSteps(index: CorpusIndex, request: TuningRequest): Steps<TuningResult> {
  const count = request.relevant.length;
  if (count < MIN_TUNING_QUERIES)
    throw new Error(
      `${count} ${count === 1 ? 'query is' : 'queries are'} too few to tune on: a training and a held-out split need at least ${MIN_TUNING_QUERIES}`,
    );
  const grid = tuningGrid(request.settings);
  // per setting, per query: its scores
  const perQuery: QueryScores[][] = grid.map(() => []);
  for (let q = 0; q < count; q++) {
    const vector = request.vectors.subarray(q * index.dims, (q + 1) * index.dims);
    const text = request.texts[q]!;
    const dense = denseScores(index.vectors, index.dims, index.norms, vector, request.settings.metric, index.dots);
    const trust = queryTrust(request.reading, text);
    const bm25 = new Map<string, Float32Array>();
    grid.forEach((settings, s) => {
      const key = bm25Key(settings.bm25);
      if (!bm25.has(key)) bm25.set(key, bm25Scores(index.bm25, text, settings.bm25));
      const scoring = fuseScores(dense, bm25.get(key)!, settings.weights, trust);
      const order = answerOrder(index, scoring, settings, settings.mmr.on ? MMR_DEPTH : DEPTH);
      perQuery[s]!.push(
        queryScores(
          request.relevant[q]!.map((i) => order.indexOf(i) + 1 || rankOf(scoring[settings.retriever], i)),
          request.grades?.[q] ?? undefined,
        ),
      );
    });
    yield (q + 1) / count;
  }
  const { train, heldOut } = splitQueries(count, request.seed);
  const on = (s: number, queries: number[]) => meanScores(queries.map((q) => perQuery[s]![q]!));
  let best = 0;
  let bestTrain = on(0, train).rr;
  for (let s = 1; s < grid.length; s++) {
    const mrr = on(s, train).rr;
    // a setting must beat the current one on training queries, not tie it
    if (mrr > bestTrain + 1e-9) [best, bestTrain] = [s, mrr];
  }
  const current = { settings: grid[0]!, train: on(0, train), heldOut: on(0, heldOut) };
  const chosen = { settings: grid[best]!, train: on(best, train), heldOut: on(best, heldOut) };
  return {
    gridSize: grid.length,
    trainQueries: train.length,
    heldOutQueries: heldOut.length,
    current,
    best: chosen,
    delta: chosen.heldOut.rr - current.heldOut.rr,
  };
}
