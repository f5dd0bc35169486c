// PCA by randomized subspace iteration on the centred data, finished with Rayleigh-Ritz:
// it never forms the D×D covariance, so it costs O(iterations · N · D · (k + oversampling)).
import { orthonormalizeColumns, symmetricEigen } from './linalg';
import { seededRandom } from './random';

export interface PcaModel {
  dims: number;
  components: number;
  mean: Float32Array;
  /** components × dims, row-major, unit rows */
  basis: Float32Array;
  /** variance along each component */
  variances: Float64Array;
  totalVariance: number;
}

export interface PcaOptions {
  components: number;
  iterations?: number;
  seed?: number;
}

export function fitPca(data: Float32Array, count: number, dims: number, options: PcaOptions): PcaModel {
  const k = Math.min(options.components, dims);
  if (count < 1) throw new RangeError('PCA needs at least one point');
  const p = Math.min(dims, k + 6);
  const iterations = options.iterations ?? 24;
  const random = seededRandom(options.seed ?? 1);

  const mean = new Float64Array(dims);
  for (let i = 0; i < count; i++) for (let j = 0; j < dims; j++) mean[j]! += data[i * dims + j]!;
  for (let j = 0; j < dims; j++) mean[j]! /= count;
  const centred = new Float32Array(count * dims);
  let totalSquares = 0;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dims; j++) {
      const value = data[i * dims + j]! - mean[j]!;
      centred[i * dims + j] = value;
      totalSquares += value * value;
    }
  }
  const denominator = Math.max(1, count - 1);

  let v = new Float64Array(dims * p);
  for (let i = 0; i < v.length; i++) v[i] = random() - 0.5;
  orthonormalizeColumns(v, dims, p);
  const projected = new Float64Array(count * p);
  const multiply = () => {
    // projected = centred · v  (count × p)
    projected.fill(0);
    for (let i = 0; i < count; i++) {
      const row = i * dims;
      for (let j = 0; j < dims; j++) {
        const x = centred[row + j]!;
        if (x === 0) continue;
        const vRow = j * p;
        for (let c = 0; c < p; c++) projected[i * p + c]! += x * v[vRow + c]!;
      }
    }
  };
  for (let it = 0; it < iterations; it++) {
    multiply();
    // v = centredᵀ · projected  (dims × p)
    const next = new Float64Array(dims * p);
    for (let i = 0; i < count; i++) {
      const row = i * dims;
      for (let j = 0; j < dims; j++) {
        const x = centred[row + j]!;
        if (x === 0) continue;
        for (let c = 0; c < p; c++) next[j * p + c]! += x * projected[i * p + c]!;
      }
    }
    orthonormalizeColumns(next, dims, p);
    v = next;
  }
  multiply();
  // Rayleigh-Ritz: eigen-decompose the p×p matrix vᵀ C v = projectedᵀ projected / (n - 1)
  const small = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let i = 0; i < count; i++) s += projected[i * p + a]! * projected[i * p + b]!;
      small[a * p + b] = small[b * p + a] = s / denominator;
    }
  }
  const { values, vectors } = symmetricEigen(small, p);
  const basis = new Float32Array(k * dims);
  for (let c = 0; c < k; c++) {
    let largest = 0;
    for (let j = 0; j < dims; j++) {
      let s = 0;
      for (let a = 0; a < p; a++) s += v[j * p + a]! * vectors[a * p + c]!;
      basis[c * dims + j] = s;
      if (Math.abs(s) > Math.abs(largest)) largest = s;
    }
    // a fixed sign convention makes layouts reproducible
    if (largest < 0) for (let j = 0; j < dims; j++) basis[c * dims + j] = -basis[c * dims + j]!;
  }
  return {
    dims,
    components: k,
    mean: Float32Array.from(mean),
    basis,
    variances: values.slice(0, k).map((x) => Math.max(0, x)),
    totalVariance: totalSquares / denominator,
  };
}

/** Projects count rows of data onto the model's components: count × components. */
export function projectPca(model: PcaModel, data: Float32Array, count: number): Float32Array {
  const { dims, components, mean, basis } = model;
  const out = new Float32Array(count * components);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < components; c++) {
      let s = 0;
      for (let j = 0; j < dims; j++) s += (data[i * dims + j]! - mean[j]!) * basis[c * dims + j]!;
      out[i * components + c] = s;
    }
  }
  return out;
}

/** Fraction of the total variance each component explains. */
export function explainedVarianceRatio(model: PcaModel): number[] {
  return Array.from(model.variances, (v) => (model.totalVariance > 0 ? v / model.totalVariance : 0));
}
