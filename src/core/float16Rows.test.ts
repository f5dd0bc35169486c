// Vectors held as float16 (a million rows of 384) go through the same loops as float32: each reader
// must give the answer it gives for float32 rows of the same numbers.
import { describe, expect, it } from 'vitest';
import { clusterSteps, DEFAULT_CLUSTERING } from './clustering/clusters';
import { exactKnn } from './knn';
import { DEFAULT_LAYOUT, type LayoutParams, startLayout } from './layoutRun';
import { nnDescent } from './nnDescent';
import { fitPca, projectPca } from './pca';
import { denseScores } from './retrieval/dense';
import { createInt8DotKernel } from './retrieval/int8Dots';
import { createDotKernel } from './retrieval/simdDots';
import { finish } from './steps';
import { gaussianClusters } from './syntheticData';
import { allocateVectors, asFloat32, rowNorms, storageFor, storageOf } from './vectors';

const dims = 16;
const { data, count } = gaussianClusters(4, 60, dims, 3, 0.3);
// the numbers as float16 holds them, and the same numbers as float32
const half = new Float16Array(data);
const whole = asFloat32(half);

describe('vectors held as float16', () => {
  it('are float16 past the float32 budget, in shared memory when asked; float32 below it', () => {
    expect(storageFor(1_000_000 * 384, true)).toBe('float16');
    expect(storageFor(1_000_000 * 384, false)).toBe('float32');
    expect(storageFor(300_000 * 384, true)).toBe('float32');
    const shared = allocateVectors(8, true, 'float16');
    expect([storageOf(shared), shared.buffer instanceof SharedArrayBuffer, shared.byteLength]).toEqual(['float16', true, 16]);
    expect(storageOf(allocateVectors(8, false))).toBe('float32');
    expect(whole).toBeInstanceOf(Float32Array);
    expect(asFloat32(whole)).toBe(whole);
  });

  it('give the same norms, dense scores (int8 scan and exact rescoring) and neighbours as float32 rows of their numbers', () => {
    expect(Array.from(rowNorms(half, dims))).toEqual(Array.from(rowNorms(whole, dims)));
    const query = whole.slice(5 * dims, 6 * dims);
    const scan = (rows: Float32Array | Float16Array) => {
      const kernel = createInt8DotKernel()!;
      kernel.load(rows, count, dims);
      const dots = Object.assign((q: Float32Array, out: Float32Array) => kernel.dots(q, out), { approximate: true });
      return Array.from(denseScores(rows, dims, rowNorms(rows, dims), query, 'cosine', dots));
    };
    expect(scan(half)).toEqual(scan(whole));
    // the float32 kernel copies either into its memory as float32
    const exactScan = (rows: Float32Array | Float16Array) => {
      const kernel = createDotKernel()!;
      kernel.load(rows, count, dims);
      return Array.from(denseScores(rows, dims, rowNorms(rows, dims), query, 'cosine', (q, out) => kernel.dots(q, out)));
    };
    expect(exactScan(half)).toEqual(exactScan(whole));
    expect(exactKnn(half, count, dims, 10).indices).toEqual(exactKnn(whole, count, dims, 10).indices);
    expect(nnDescent(half, count, dims, 10).indices).toEqual(nnDescent(whole, count, dims, 10).indices);
  });

  it('give the same PCA, layouts and clusters', () => {
    const options = { components: 3, seed: 1, iterations: 24 };
    expect(Array.from(projectPca(fitPca(half, count, dims, options), half, count))).toEqual(
      Array.from(projectPca(fitPca(whole, count, dims, options), whole, count)),
    );
    const layOut = (rows: Float32Array | Float16Array, params: LayoutParams) => {
      const run = startLayout(rows, count, dims, params);
      for (let steps = 0; !run.done && steps < 10_000; steps++) run.step(20);
      return Array.from(run.coords());
    };
    // UMAP fitted on a sample, the other rows placed by their nearest fitted rows
    const umap = { ...DEFAULT_LAYOUT.umap, epochs: 50, fitRows: 100 };
    expect(layOut(half, umap)).toEqual(layOut(whole, umap));
    const cluster = (rows: Float32Array | Float16Array) => finish(clusterSteps(rows, count, dims, Array<string>(count).fill('x'), DEFAULT_CLUSTERING)).labels;
    const labels = cluster(whole);
    expect(new Set(labels).size).toBeGreaterThanOrEqual(4);
    expect(Array.from(cluster(half))).toEqual(Array.from(labels));
  });
});
