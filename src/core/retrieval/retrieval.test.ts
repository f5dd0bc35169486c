import { describe, expect, it } from 'vitest';
import { bm25Scores, buildBm25 } from './bm25';
import { denseScores } from './dense';
import { mmr, reciprocalRankFusion } from './fusion';
import { meanScores, queryScores } from './metrics';
import { quantized } from './quantize';
import { rankOf, topK } from './ranking';
import { searchTokens } from './searchTokens';
import { createDotKernel } from './simdDots';

describe('search tokens', () => {
  it('lower-cases words, drops English stop words, and splits Chinese and Japanese runs into bigrams', () => {
    expect(searchTokens('How do Black Holes form?')).toEqual(['black', 'holes', 'form']);
    expect(searchTokens('银河系是棒旋星系。「太阳」')).toEqual(['银河', '河系', '系是', '是棒', '棒旋', '旋星', '星系', '太阳']);
    expect(searchTokens('東京タワー is tall; 猫')).toEqual(['東京', '京タ', 'タワ', 'ワー', 'tall', '猫']);
    expect(searchTokens('ＡＢＣ café résumé 42')).toEqual(['abc', 'café', 'résumé', '42']);
  });
});

describe('BM25', () => {
  it('scores English chunks as computed by hand (k1 1.2, b 0.75)', () => {
    // tokens: [cat, sat, mat] · [dog, sat] · [cats, dogs]; average length 7/3
    const index = buildBm25(['The cat sat on the mat', 'The dog sat', 'Cats and dogs']);
    const scores = bm25Scores(index, 'cat sat');
    // idf(cat) = ln(1 + 2.5 / 1.5) = 0.980829, idf(sat) = ln(1 + 1.5 / 2.5) = 0.470004
    // row 0: |d| = 3, tf = 1: each term × 2.2 / (1 + 1.2 · (0.25 + 0.75 · 9/7)) = × 0.895349
    expect(scores[0]).toBeCloseTo((0.980829 + 0.470004) * 0.895349, 5);
    // row 1: |d| = 2: sat × 2.2 / (1 + 1.2 · (0.25 + 0.75 · 6/7)) = × 1.062069
    expect(scores[1]).toBeCloseTo(0.470004 * 1.062069, 5);
    expect(scores[2]).toBe(-Infinity);
    // b = 0 ignores length; k1 = 0 ignores repeats
    expect(bm25Scores(index, 'sat', { k1: 1.2, b: 0 })[0]).toBeCloseTo(0.470004, 5);
    expect(bm25Scores(buildBm25(['sat sat sat', 'sat']), 'sat', { k1: 0, b: 0.75 })[0]).toBeCloseTo(Math.log(1 + 0.5 / 2.5), 5);
  });

  it('finds Chinese text through character bigrams, as computed by hand', () => {
    const index = buildBm25(['银河系是棒旋星系', '太阳系有八大行星']);
    // 银河 and 河系 occur in row 0 only: idf = ln(1 + 1.5 / 1.5) = ln 2; both rows have 7 bigrams, so × 2.2 / 2.2
    const galaxy = bm25Scores(index, '银河系');
    expect(galaxy[0]).toBeCloseTo(2 * Math.LN2, 5);
    expect(galaxy[1]).toBe(-Infinity);
    expect(topK(bm25Scores(index, '行星'), 5)).toEqual([{ index: 1, rank: 1, score: expect.closeTo(Math.LN2, 5) }]);
  });
});

describe('rankings', () => {
  it('takes the top k, ties to the lower index, and ranks any row', () => {
    const scores = Float32Array.from([0.2, 0.9, -Infinity, 0.9, 0.5]);
    expect(topK(scores, 3)).toEqual([
      { index: 1, rank: 1, score: expect.closeTo(0.9) },
      { index: 3, rank: 2, score: expect.closeTo(0.9) },
      { index: 4, rank: 3, score: 0.5 },
    ]);
    expect(topK(scores, 10)).toHaveLength(4);
    expect(topK(scores, 2, (i) => i === 1).map((h) => h.index)).toEqual([3, 4]);
    expect([rankOf(scores, 3), rankOf(scores, 0), rankOf(scores, 2)]).toEqual([2, 4, Infinity]);
  });

  it('scores dense vectors by cosine, dot product and Euclidean distance', () => {
    const vectors = Float32Array.from([1, 0, 0, 2, 3, 4, 1, 1]);
    const norms = Float32Array.from([1, 2, 5, Math.SQRT2]);
    const query = Float32Array.from([1, 1]);
    expect(Array.from(denseScores(vectors, 2, norms, query, 'cosine'))).toEqual([Math.SQRT1_2, Math.SQRT1_2, 7 / (5 * Math.SQRT2), 1].map(Math.fround));
    expect(Array.from(denseScores(vectors, 2, norms, query, 'dot'))).toEqual([1, 2, 7, 2]);
    expect(Array.from(denseScores(vectors, 2, norms, query, 'euclidean'))).toEqual([-1, -Math.SQRT2, -Math.sqrt(13), -0].map(Math.fround));
  });
});

describe('fusion and MMR', () => {
  it('fuses ranks by 1 / (60 + rank), weighted', () => {
    const dense = [
      { index: 5, rank: 1, score: 0.9 },
      { index: 2, rank: 2, score: 0.8 },
    ];
    const bm25 = [
      { index: 2, rank: 1, score: 7 },
      { index: 7, rank: 2, score: 5 },
    ];
    const fused = reciprocalRankFusion(8, [
      { hits: dense, weight: 1 },
      { hits: bm25, weight: 1 },
    ]);
    expect(fused[2]).toBeCloseTo(1 / 62 + 1 / 61, 7);
    expect(fused[5]).toBeCloseTo(1 / 61, 7);
    expect(fused[7]).toBeCloseTo(1 / 62, 7);
    expect(fused[0]).toBe(-Infinity);
    expect(topK(fused, 3).map((h) => h.index)).toEqual([2, 5, 7]);
    expect(
      reciprocalRankFusion(8, [
        { hits: dense, weight: 2 },
        { hits: bm25, weight: 0.5 },
      ])[5],
    ).toBeCloseTo(2 / 61, 7);
  });

  it('MMR passes over a near-duplicate for a different chunk when λ is below 1', () => {
    const relevance = [0.9, 0.85, 0.5];
    const similar = (a: number, b: number) => (a + b === 1 ? 0.99 : 0.1);
    expect(mmr([0, 1, 2], (i) => relevance[i]!, similar, 0.5, 3)).toEqual([0, 2, 1]);
    expect(mmr([0, 1, 2], (i) => relevance[i]!, similar, 1, 3)).toEqual([0, 1, 2]);
    expect(mmr([0, 1, 2], (i) => relevance[i]!, similar, 0.5, 1)).toEqual([0]);
  });
});

describe('metrics', () => {
  it('computes hit@k, reciprocal rank and nDCG@10 by hand', () => {
    const scores = queryScores([3, 7]);
    expect(scores).toMatchObject({ hit1: 0, hit3: 1, hit5: 1, hit10: 1 });
    expect(scores.rr).toBeCloseTo(1 / 3, 10);
    // (1/log2 4 + 1/log2 8) / (1 + 1/log2 3)
    expect(scores.ndcg10).toBeCloseTo((0.5 + 1 / 3) / (1 + 1 / Math.log2(3)), 10);
    expect(queryScores([Infinity])).toEqual({ hit1: 0, hit3: 0, hit5: 0, hit10: 0, rr: 0, ndcg10: 0 });
    expect(queryScores([1]).ndcg10).toBe(1);
    const mean = meanScores([queryScores([1]), queryScores([4])]);
    expect(mean).toMatchObject({ hit1: 0.5, hit3: 0.5, hit5: 1, hit10: 1, rr: 0.625 });
  });
});

describe('quantisation', () => {
  it('keeps what int8 and binary storage keep', () => {
    const v = Float32Array.from([0.5, -1, 0.25, 0, 0, 0]);
    expect(Array.from(quantized(v, 3, 'int8'))).toEqual([64 / 127, -1, 32 / 127, 0, 0, 0].map(Math.fround));
    expect(Array.from(quantized(v, 3, 'binary'))).toEqual([1, -1, 1, 1, 1, 1]);
    expect(quantized(v, 3, 'float')).toBe(v);
  });
});

describe('the SIMD kernel', () => {
  it('gives the dot products the JavaScript loop gives', () => {
    const kernel = createDotKernel();
    expect(kernel).not.toBeNull();
    for (const [count, dims] of [
      [0, 4],
      [3, 4],
      [257, 384],
      [40, 8],
    ] as const) {
      const vectors = Float32Array.from({ length: count * dims }, (_, i) => Math.sin(i * 1.3) * (1 + (i % 7)));
      const query = Float32Array.from({ length: dims }, (_, j) => Math.cos(j));
      const norms = Float32Array.from({ length: count }, () => 1);
      kernel!.load(vectors, count, dims);
      const fast = new Float32Array(count);
      kernel!.dots(query, fast);
      const plain = denseScores(vectors, dims, norms, query, 'dot');
      fast.forEach((x, i) => expect(x).toBeCloseTo(plain[i]!, 3));
      expect(denseScores(vectors, dims, norms, query, 'dot', (q, out) => kernel!.dots(q, out))).toEqual(fast);
    }
    expect(() => kernel!.load(new Float32Array(6), 2, 3)).toThrow(/in fours/);
  });
});
