import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './linalg';
import { explainedVarianceRatio, fitPca, projectPca } from './pca';
import { seededRandom } from './random';
import { decayingSpectrum } from './syntheticData';

/** Points = mean + Σ_k s_k · z_k · u_k with known orthonormal directions u_k and std devs s_k. */
function syntheticData(count: number, dims: number, stddevs: number[], seed: number) {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const directions = stddevs.map((_, k) => {
    // axis-aligned pairs rotated by 45° so the answer is not the coordinate axes
    const u = new Float64Array(dims);
    u[2 * k] = Math.SQRT1_2;
    u[2 * k + 1] = k % 2 ? -Math.SQRT1_2 : Math.SQRT1_2;
    return u;
  });
  const data = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dims; j++) data[i * dims + j] = 3 + 0.01 * gaussian();
    stddevs.forEach((s, k) => {
      const z = s * gaussian();
      for (let j = 0; j < dims; j++) data[i * dims + j]! += z * directions[k]![j]!;
    });
  }
  return { data, directions };
}

describe('fitPca', () => {
  it('recovers known principal directions and their variance order', () => {
    const dims = 20;
    const { data, directions } = syntheticData(2000, dims, [5, 3, 2, 1], 7);
    const model = fitPca(data, 2000, dims, { components: 3 });
    for (let k = 0; k < 3; k++) {
      let dot = 0;
      for (let j = 0; j < dims; j++) dot += model.basis[k * dims + j]! * directions[k]![j]!;
      expect(Math.abs(dot)).toBeGreaterThan(0.995);
    }
    expect(model.variances[0]).toBeCloseTo(25, -0.5);
    expect(model.variances[0]! > model.variances[1]! && model.variances[1]! > model.variances[2]!).toBe(true);
    const ratios = explainedVarianceRatio(model);
    expect(ratios.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.95);
    expect(ratios.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
  });

  it('matches an exact eigen-decomposition of the covariance', () => {
    const dims = 8;
    const random = seededRandom(3);
    const count = 300;
    const data = new Float32Array(count * dims);
    for (let i = 0; i < count; i++) for (let j = 0; j < dims; j++) data[i * dims + j] = random() * (j + 1) + (j === 2 ? data[i * dims]! : 0);
    const mean = new Float64Array(dims);
    for (let i = 0; i < count; i++) for (let j = 0; j < dims; j++) mean[j]! += data[i * dims + j]! / count;
    const cov = new Float64Array(dims * dims);
    for (let i = 0; i < count; i++) {
      for (let a = 0; a < dims; a++)
        for (let b = 0; b < dims; b++) cov[a * dims + b]! += ((data[i * dims + a]! - mean[a]!) * (data[i * dims + b]! - mean[b]!)) / (count - 1);
    }
    const exact = symmetricEigen(cov, dims);
    const model = fitPca(data, count, dims, { components: 3 });
    for (let k = 0; k < 3; k++) {
      expect(model.variances[k]).toBeCloseTo(exact.values[k]!, 4);
      let dot = 0;
      for (let j = 0; j < dims; j++) dot += model.basis[k * dims + j]! * exact.vectors[j * dims + k]!;
      expect(Math.abs(dot)).toBeGreaterThan(0.9999);
    }
  });

  it('matches an exact eigen-decomposition when large enough for the SIMD products (2,000 × 64, 40 components)', () => {
    const dims = 64;
    const count = 2000;
    const data = decayingSpectrum(count, dims, 5);
    const model = fitPca(data, count, dims, { components: 40 });
    const mean = model.mean;
    const cov = new Float64Array(dims * dims);
    for (let i = 0; i < count; i++)
      for (let a = 0; a < dims; a++)
        for (let b = 0; b < dims; b++) cov[a * dims + b]! += ((data[i * dims + a]! - mean[a]!) * (data[i * dims + b]! - mean[b]!)) / (count - 1);
    const exact = symmetricEigen(cov, dims);
    for (let k = 0; k < 40; k++) expect(model.variances[k]! / exact.values[k]!).toBeCloseTo(1, 3);
    for (let k = 0; k < 5; k++) {
      let dot = 0;
      for (let j = 0; j < dims; j++) dot += model.basis[k * dims + j]! * exact.vectors[j * dims + k]!;
      expect(Math.abs(dot)).toBeGreaterThan(0.9999);
    }
    // the projection (also SIMD at this size) is the centred rows' dot products with the basis
    const projected = projectPca(model, data, count);
    for (const row of [0, 999, 1999]) {
      for (const k of [0, 7, 39]) {
        let dot = 0;
        for (let j = 0; j < dims; j++) dot += (data[row * dims + j]! - model.mean[j]!) * model.basis[k * dims + j]!;
        expect(projected[row * 40 + k]).toBeCloseTo(dot, 4);
      }
    }
  });

  it('gives the same components by the covariance and the direct route', () => {
    const dims = 30;
    const { data } = syntheticData(400, dims, [6, 4, 2.5], 13);
    const a = fitPca(data, 400, dims, { components: 3, route: 'covariance' });
    const b = fitPca(data, 400, dims, { components: 3, route: 'direct' });
    for (let k = 0; k < 3; k++) {
      let dot = 0;
      for (let j = 0; j < dims; j++) dot += a.basis[k * dims + j]! * b.basis[k * dims + j]!;
      expect(dot).toBeGreaterThan(0.9999);
      expect(a.variances[k]).toBeCloseTo(b.variances[k]!, 3);
    }
  });

  it('is reproducible and projects new points consistently with the fit', () => {
    const dims = 16;
    const { data } = syntheticData(500, dims, [4, 2, 1], 11);
    const a = fitPca(data, 500, dims, { components: 3, seed: 5 });
    const b = fitPca(data, 500, dims, { components: 3, seed: 5 });
    expect(Array.from(a.basis)).toEqual(Array.from(b.basis));
    const coords = projectPca(a, data, 500);
    let mean0 = 0;
    for (let i = 0; i < 500; i++) mean0 += coords[i * 3]! / 500;
    expect(Math.abs(mean0)).toBeLessThan(1e-3);
    const one = projectPca(a, data.subarray(dims * 42, dims * 43), 1);
    expect(Array.from(one)).toEqual(Array.from(coords.subarray(42 * 3, 43 * 3)));
  });

  it('handles a single point and identical points without NaN', () => {
    const one = fitPca(new Float32Array([1, 2, 3, 4]), 1, 4, { components: 3 });
    expect(Array.from(projectPca(one, new Float32Array([1, 2, 3, 4]), 1)).every(Number.isFinite)).toBe(true);
    const same = new Float32Array(40).fill(0.5);
    const model = fitPca(same, 10, 4, { components: 3 });
    expect(Array.from(projectPca(model, same, 10)).every((x) => x === 0)).toBe(true);
  });
});
