import { describe, expect, it } from 'vitest';
import { rowNorms } from '../vectors';
import { buildBm25 } from './bm25';
import { type CorpusIndex, DEFAULT_RETRIEVAL, explainGold, retrieve, scoreQuery } from './retrieve';

// five chunks in 2-D: the query points along x
const texts = ['alpha star', 'beta star', 'gamma moon', 'delta moon', 'epsilon sun'];
const vectors = Float32Array.from([1, 0, 0.9, 0.1, 0.7, 0.7, 0, 1, 0.99, 0.01]);
const index: CorpusIndex = { vectors, dims: 2, norms: rowNorms(vectors, 2), bm25: buildBm25(texts) };
const query = Float32Array.from([1, 0]);

describe('retrieve', () => {
  it('answers with the top k and the next ranks beyond the cut, each with its standing under every retriever', () => {
    const settings = { ...DEFAULT_RETRIEVAL, topK: 2 };
    const scoring = scoreQuery(index, query, 'moon', settings);
    const hits = retrieve(index, scoring, settings);
    expect(hits.map((h) => [h.index, h.rank, h.beyondCut])).toEqual([
      [0, 1, false],
      [4, 2, false],
      [1, 3, true],
      [2, 4, true],
      [3, 5, true],
    ]);
    // "moon" is in chunks 2 and 3 only: BM25 ranks them, the others it does not retrieve
    expect(hits[3]!.bm25.rank).toBeLessThanOrEqual(2);
    expect(hits[0]!.bm25.rank).toBe(Infinity);
    expect(hits.map((h) => h.foundBy)).toEqual(['dense', 'dense', 'neither', 'bm25', 'bm25']);
    // a minimum score cuts earlier
    const strict = retrieve(index, scoring, { ...settings, minScore: 0.99999 });
    expect(strict.filter((h) => !h.beyondCut).map((h) => h.index)).toEqual([0]);
  });

  it('hybrid fuses the two rankings; MMR passes over a near-duplicate', () => {
    const hybrid = { ...DEFAULT_RETRIEVAL, retriever: 'hybrid' as const, topK: 3 };
    const scoring = scoreQuery(index, query, 'moon', hybrid);
    const answer = retrieve(index, scoring, hybrid)
      .slice(0, 3)
      .map((h) => h.index);
    // dense #1 (0) and BM25's moons both rank high
    expect(answer).toContain(0);
    expect(answer.some((i) => i === 2 || i === 3)).toBe(true);
    const dense = { ...DEFAULT_RETRIEVAL, topK: 3 };
    const plain = retrieve(index, scoreQuery(index, query, '', dense), dense)
      .slice(0, 3)
      .map((h) => h.index);
    const diverse = retrieve(index, scoreQuery(index, query, '', dense), { ...dense, mmr: { on: true, lambda: 0.3 } })
      .slice(0, 3)
      .map((h) => h.index);
    expect(plain).toEqual([0, 4, 1]);
    // chunk 4 nearly repeats chunk 0: MMR picks a different one second
    expect(diverse[0]).toBe(0);
    expect(diverse[1]).not.toBe(4);
  });

  it('explains a missed gold chunk: its ranks, its true similarity, and what outranked it', () => {
    const settings = { ...DEFAULT_RETRIEVAL, topK: 2 };
    const scoring = scoreQuery(index, query, 'moon', settings);
    const gold = explainGold(index, scoring, settings, 3, query);
    expect(gold.dense.rank).toBe(5);
    expect(gold.bm25.rank).toBeLessThanOrEqual(2);
    expect(gold.answerRank).toBe(5);
    expect(gold.similarity).toBeCloseTo(0, 6);
    expect(gold.outrankedBy.map((o) => o.index)).toEqual([0, 4, 1, 2]);
  });

  it('with no query vector (no model makes vectors of this space) ranks by keywords: dense retrieves nothing, hybrid follows BM25', () => {
    const settings = { ...DEFAULT_RETRIEVAL, retriever: 'bm25' as const, topK: 2 };
    const scoring = scoreQuery(index, null, 'delta moon', settings);
    const hits = retrieve(index, scoring, settings);
    // "delta" is in chunk 3 alone, "moon" in 2 and 3
    expect(hits.filter((h) => !h.beyondCut).map((h) => h.index)).toEqual([3, 2]);
    expect(hits.every((h) => h.dense.rank === Infinity)).toBe(true);
    expect(hits.map((h) => h.foundBy).slice(0, 2)).toEqual(['bm25', 'bm25']);
    expect(hits[0]!.hybrid.rank).toBe(1);
    expect(hits[1]!.hybrid.rank).toBe(2);
    const gold = explainGold(index, scoring, settings, 2, null);
    expect(gold.answerRank).toBe(2);
    expect(gold.similarity).toBeNaN();
  });
});
