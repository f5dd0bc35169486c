import { describe, expect, it } from 'vitest';
import { exactKnnSteps } from './knn';
import { sampleIndices } from './random';
import { PLACE_K, placedCoords, placedLabels, placementSteps, rowsOf, rowsOutside } from './sampledLayout';
import { finish } from './steps';
import { gaussianClusters } from './syntheticData';

describe('sampled layouts', () => {
  it('placedLabels keeps the fitted rows’ labels and gives each other row the label its neighbours weigh most, unclustered included', () => {
    const weights = (...w: number[]) => Float32Array.from({ length: PLACE_K }, (_, t) => w[t] ?? 0);
    const placement = {
      fitted: Int32Array.from([0, 2, 4]),
      placed: Int32Array.from([1, 3]),
      // row 1: two neighbours of label 7 outweigh one heavier of label 5; row 3: mostly unclustered ones
      neighbours: Int32Array.from([...[0, 1, 1], ...Array(PLACE_K - 3).fill(0), ...[2, 0], ...Array(PLACE_K - 2).fill(0)]),
      weights: Float32Array.from([...weights(0.4, 0.3, 0.3), ...weights(0.7, 0.3)]),
    };
    expect(Array.from(placedLabels(placement, Int32Array.from([5, 7, -1]), 5))).toEqual([5, 7, 7, -1, -1]);
  });

  it('rowsOutside lists every row the sample lacks, in order', () => {
    expect(Array.from(rowsOutside(Int32Array.from([0, 3, 4, 8]), 10))).toEqual([1, 2, 5, 6, 7, 9]);
    expect(rowsOutside(new Int32Array(0), 3)).toEqual(Int32Array.from([0, 1, 2]));
  });

  it('finds the same neighbours in plain JavaScript (30 dimensions) as in SIMD (the same rows padded to 32 with zeros)', () => {
    const { data, count } = gaussianClusters(6, 200, 30, 8, 0.6);
    const padded = new Float32Array(count * 32);
    for (let i = 0; i < count; i++) padded.set(data.subarray(i * 30, (i + 1) * 30), i * 32);
    const fitted = sampleIndices(count, 300, 4);
    const place = (x: Float32Array, dims: number) => {
      const fittedData = rowsOf(x, dims, fitted);
      return finish(placementSteps(x, count, dims, fitted, fittedData, finish(exactKnnSteps(fittedData, fitted.length, dims, 15)), 1));
    };
    const [plain, simd] = [place(data, 30), place(padded, 32)];
    expect(plain.neighbours.length).toBe((count - 300) * PLACE_K);
    let same = 0;
    plain.neighbours.forEach((p, i) => (same += p === simd.neighbours[i] ? 1 : 0));
    // float32 sums in SIMD and float64 in JavaScript may order a near tie differently, nothing more
    expect(same / plain.neighbours.length).toBeGreaterThan(0.99);
  });

  it('hangs each unfitted row from its true nearest fitted rows (cosine), weights summing to 1', () => {
    const { data, count } = gaussianClusters(8, 400, 32, 5, 0.6);
    const dims = 32;
    const fitted = sampleIndices(count, 800, 2);
    const fittedData = rowsOf(data, dims, fitted);
    const graph = finish(exactKnnSteps(fittedData, fitted.length, dims, 15));
    const placement = finish(placementSteps(data, count, dims, fitted, fittedData, graph, 1));
    expect(placement.placed).toHaveLength(count - 800);
    // against brute force over the fitted rows
    let found = 0;
    for (let o = 0; o < placement.placed.length; o++) {
      const at = placement.placed[o]! * dims;
      const row = data.subarray(at, at + dims);
      const similarity = (p: number) => {
        let [dot, a, b] = [0, 0, 0];
        for (let j = 0; j < dims; j++) {
          dot += row[j]! * fittedData[p * dims + j]!;
          a += row[j]! ** 2;
          b += fittedData[p * dims + j]! ** 2;
        }
        return dot / Math.sqrt(a * b);
      };
      const similarities = Array.from({ length: fitted.length }, (_, p) => similarity(p));
      const truth = new Set(
        Array.from({ length: fitted.length }, (_, p) => p)
          .sort((p, q) => similarities[q]! - similarities[p]!)
          .slice(0, PLACE_K),
      );
      const mine = placement.neighbours.subarray(o * PLACE_K, (o + 1) * PLACE_K);
      found += Array.from(mine).filter((p) => truth.has(p)).length;
      const weights = placement.weights.subarray(o * PLACE_K, (o + 1) * PLACE_K);
      expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5);
    }
    expect(found / (placement.placed.length * PLACE_K)).toBeGreaterThan(0.9);
  });

  it('places a row at the weighted mean of its fitted rows, and keeps the fitted rows where they are', () => {
    const placement = {
      fitted: Int32Array.from([0, 2]),
      placed: Int32Array.from([1]),
      neighbours: new Int32Array(PLACE_K),
      weights: new Float32Array(PLACE_K),
    };
    placement.neighbours[1] = 1;
    placement.weights[0] = 0.25;
    placement.weights[1] = 0.75;
    const coords = placedCoords(placement, Float32Array.from([0, 0, 0, 4, 8, 12]), 3);
    expect(Array.from(coords)).toEqual([0, 0, 0, 3, 6, 9, 4, 8, 12]);
  });
});
