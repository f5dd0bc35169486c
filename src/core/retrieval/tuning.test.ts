import { describe, expect, it } from 'vitest';
import { finish } from '../steps';
import { seededRandom } from '../random';
import { rowNorms } from '../vectors';
import { buildBm25 } from './bm25';
import { type CorpusIndex, DEFAULT_RETRIEVAL } from './retrieve';
import { MIN_TUNING_QUERIES, splitQueries, tuningGrid, tuningSteps } from './tuning';

const WORDS = ['anchor', 'basalt', 'cobalt', 'dynamo', 'ember', 'fjord', 'glacier', 'harbor', 'iris', 'jasper', 'kelp', 'lagoon'];

/** 60 chunks, each with one rare keyword; their vectors say nothing about it (random), so BM25 matters. */
function keywordCorpus(dims = 16) {
  const random = seededRandom(3);
  const texts = Array.from({ length: 60 }, (_, i) => `note ${WORDS[i % WORDS.length]}${Math.floor(i / WORDS.length)} about common things`);
  const vectors = Float32Array.from({ length: 60 * dims }, () => random() - 0.5);
  const index: CorpusIndex = { vectors, dims, norms: rowNorms(vectors, dims), bm25: buildBm25(texts) };
  const queries = Array.from({ length: 20 }, (_, q) => q * 3);
  return {
    index,
    texts: queries.map((i) => texts[i]!.split(' ')[1]!),
    relevant: queries.map((i) => [i]),
    vectors: Float32Array.from({ length: 20 * dims }, () => random() - 0.5),
  };
}

describe('tuning', () => {
  it('splits the queries into disjoint training and held-out sets, the same for a seed', () => {
    const { train, heldOut } = splitQueries(20, 7);
    expect(heldOut).toHaveLength(6);
    expect([...train, ...heldOut].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(splitQueries(20, 7)).toEqual({ train, heldOut });
  });

  it('on a set where BM25 matters, moves away from dense search and measures the gain on held-out queries', () => {
    const set = keywordCorpus();
    const result = finish(tuningSteps(set.index, { ...set, settings: DEFAULT_RETRIEVAL, seed: 1 }));
    expect(result.gridSize).toBe(tuningGrid(DEFAULT_RETRIEVAL).length);
    expect([result.trainQueries, result.heldOutQueries]).toEqual([14, 6]);
    expect(result.best.settings.retriever).not.toBe('dense');
    expect(result.best.heldOut.rr).toBeGreaterThan(0.9);
    expect(result.current.heldOut.rr).toBeLessThan(0.5);
    expect(result.delta).toBeCloseTo(result.best.heldOut.rr - result.current.heldOut.rr, 10);
  });

  it('never reports a gain it did not measure: where no setting beats the current one in training, it keeps it and the gain is 0', () => {
    const set = keywordCorpus();
    // every query asks for a chunk no retriever can find above the others: all settings score alike
    const blind = { ...set, texts: set.texts.map(() => 'common'), relevant: set.relevant.map(() => []) };
    const result = finish(tuningSteps(set.index, { ...blind, settings: DEFAULT_RETRIEVAL, seed: 1 }));
    expect(result.best.settings).toBe(result.current.settings);
    expect(result.delta).toBe(0);
  });

  it('says a query set is too small to split', () => {
    const set = keywordCorpus();
    const three = { texts: set.texts.slice(0, 3), relevant: set.relevant.slice(0, 3), vectors: set.vectors.subarray(0, 3 * 16) };
    expect(() => finish(tuningSteps(set.index, { ...three, settings: DEFAULT_RETRIEVAL, seed: 1 }))).toThrow(
      `3 queries are too few to tune on: a training and a held-out split need at least ${MIN_TUNING_QUERIES}`,
    );
  });
});
