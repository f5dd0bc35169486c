import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { finish } from '../steps';
import { adjustedRandIndex } from './agreement';
import { kmeansSteps, silhouette } from './kmeans';
import { modularity, neighbourEdges } from './modularity';

/** Pairwise Euclidean distances of 2-d points. */
function distances(points: number[][]): Float32Array {
  const n = points.length;
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = Math.hypot(points[i]![0]! - points[j]![0]!, points[i]![1]! - points[j]![1]!);
  return out;
}

describe('modularity', () => {
  it('two triangles joined by one edge, split into the triangles: 6/7 − 2 · (7/14)² by hand', () => {
    const edges = Int32Array.from([0, 1, 1, 2, 0, 2, 3, 4, 4, 5, 3, 5, 2, 3]);
    expect(modularity(edges, Int32Array.from([0, 0, 0, 1, 1, 1]), 2)).toBeCloseTo(6 / 7 - 0.5, 10);
    // one cluster holding everything is no better than chance; a split across the triangles is worse
    expect(modularity(edges, new Int32Array(6), 1)).toBeCloseTo(0, 10);
    expect(modularity(edges, Int32Array.from([0, 1, 0, 1, 0, 1]), 2)).toBeLessThan(0);
  });

  it('neighbour edges are undirected and each is kept once', () => {
    // four points on a line: each one's nearest is its neighbour on the line
    const edges = neighbourEdges(
      distances([
        [0, 0],
        [1, 0],
        [2.1, 0],
        [3.3, 0],
      ]),
      4,
      1,
    );
    const pairs = [];
    for (let e = 0; e < edges.length; e += 2) pairs.push(`${edges[e]}-${edges[e + 1]}`);
    expect(pairs.sort()).toEqual(['0-1', '1-2', '2-3']);
  });

  it('picks k = 5 where one far island makes the silhouette prefer 2', () => {
    // four groups a few units apart and a fifth a hundred away
    const random = seededRandom(5);
    const centres = [
      [0, 0],
      [3, 0],
      [0, 3],
      [3, 3],
      [100, 100],
    ];
    const points: number[][] = [];
    const truth: number[] = [];
    centres.forEach(([x, y], c) => {
      for (let i = 0; i < 60; i++) {
        points.push([x! + 0.3 * (random() - 0.5), y! + 0.3 * (random() - 0.5)]);
        truth.push(c);
      }
    });
    const data = Float32Array.from(points.flat());
    const result = finish(kmeansSteps(data, points.length, 2, null, 1, 'euclidean'));
    expect(result.k).toBe(5);
    expect(adjustedRandIndex(result.labels, truth)).toBeGreaterThan(0.99);
    expect(result.modularity).toBeGreaterThan(0.7);
    // what the mean silhouette would have chosen: the island against the rest scores higher than the five groups
    const two = finish(kmeansSteps(data, points.length, 2, 2, 1, 'euclidean'));
    const all = distances(points);
    expect(silhouette(all, points.length, two.labels, 2)).toBeGreaterThan(silhouette(all, points.length, result.labels, 5));
  });
});
