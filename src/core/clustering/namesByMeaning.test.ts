import { describe, expect, it } from 'vitest';
import { clusterCentroids, namesByMeaning } from './namesByMeaning';

const rows = (...vectors: number[][]) => Float32Array.from(vectors.flat());

describe('clusterCentroids', () => {
  it('is the unit mean direction of each cluster, each row at unit length, unclustered rows in none', () => {
    const vectors = rows([2, 0], [0, 5], [10, 10], [-3, 0]);
    const [first, second] = clusterCentroids(vectors, 2, Int32Array.from([0, 0, 1, -1]), 2);
    // rows (1, 0) and (0, 1) at unit length: the diagonal, whatever their lengths
    expect([...first!].map((v) => +v.toFixed(4))).toEqual([0.7071, 0.7071]);
    expect([...second!].map((v) => +v.toFixed(4))).toEqual([0.7071, 0.7071]);
  });
});

describe('namesByMeaning', () => {
  // centroid along x; "stars" on it, "star" nearly the same word, "galaxy" close but another direction, "bread" far off
  const centroid = Float32Array.from([1, 0, 0]);
  const words = ['bread', 'star', 'galaxy', 'stars'];
  const vectors = rows([0, 0, 1], [1, 0.25, 0], [0.8, 0, 0.6], [1, 0.3, 0]);

  it('puts the candidate most like the centroid first and leaves out one far from it', () => {
    const [name] = namesByMeaning([words], vectors, 3, [centroid], 3);
    expect(name![0]).toBe('star');
    expect(name).not.toContain('bread');
  });

  it('passes over a near repeat of a chosen name for one that adds meaning', () => {
    const [diverse] = namesByMeaning([words], vectors, 3, [centroid], 2, 0.5);
    expect(diverse).toEqual(['star', 'galaxy']);
    // without the diversity term the repeat wins on closeness alone
    const [plain] = namesByMeaning([words], vectors, 3, [centroid], 2, 0);
    expect(plain).toEqual(['star', 'stars']);
  });

  it('reads each cluster its own rows of the candidates’ vectors', () => {
    const names = namesByMeaning([['a', 'b'], ['c']], rows([1, 0], [0, 1], [0, 1]), 2, [Float32Array.from([0, 1]), Float32Array.from([0, 1])], 1);
    expect(names).toEqual([['b'], ['c']]);
  });
});
