import { describe, expect, it } from 'vitest';
import { cosineTopK } from '../retrieval/dense';
import { rowNorms } from '../vectors';
import { decayingSpectrum } from '../syntheticData';
import { projectRows, reduceVectors } from './reduce';

describe('vectors reduced for a link', () => {
  it('keep a query’s nearest chunks: a query projected like the chunks finds mostly the same top 10', () => {
    const count = 600;
    const dims = 96;
    // variance decaying along the axes, as text embeddings' does
    const vectors = decayingSpectrum(count, dims, 3);
    const reduced = reduceVectors(vectors, count, dims, 32);
    expect(reduced.dims).toBe(32);
    expect(reduced.data.length).toBe(count * 32);
    let shared = 0;
    for (let q = 0; q < 20; q++) {
      const query = vectors.slice(q * 31 * dims, (q * 31 + 1) * dims);
      const full = cosineTopK(vectors, dims, rowNorms(vectors, dims), query, 10).map((h) => h.index);
      const small = cosineTopK(reduced.data, 32, rowNorms(reduced.data, 32), projectRows(reduced.projection, query, 1), 10).map((h) => h.index);
      shared += small.filter((i) => full.includes(i)).length;
    }
    // 0.77 here; chance is 10 in 600
    expect(shared / 200).toBeGreaterThan(0.6);
  });

  it('never asks for more components than rows or dimensions', () => {
    const reduced = reduceVectors(
      Float32Array.from({ length: 5 * 8 }, (_, i) => Math.sin(i)),
      5,
      8,
      32,
    );
    expect(reduced.dims).toBe(5);
    expect(reduced.projection.components.length).toBe(5 * 8);
  });
});
