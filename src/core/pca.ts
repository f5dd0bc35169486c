// PCA by randomized subspace iteration finished with Rayleigh-Ritz. Two routes to the same
// answer, whichever costs fewer multiply-adds: iterate on the D×D covariance (built once, N·D²/2)
// or on the centred data directly (2·N·D·p per iteration). Inner loops run along contiguous rows.
import { orthonormalizeRows, symmetricEigen } from './linalg';
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
  /** 'auto' picks the cheaper route for the shape of the data */
  route?: 'auto' | 'covariance' | 'direct';
}

/** rows × dims times the transpose of the p × dims matrix vt: out is rows × p. */
function timesTransposed(x: Float32Array | Float64Array, rows: number, dims: number, vt: Float64Array, p: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const row = i * dims;
    for (let c = 0; c < p; c++) {
      const v = c * dims;
      let s = 0;
      for (let j = 0; j < dims; j++) s += x[row + j]! * vt[v + j]!;
      out[i * p + c] = s;
    }
  }
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

  // vt: p × dims, the current subspace as rows
  let vt = new Float64Array(p * dims);
  for (let i = 0; i < vt.length; i++) vt[i] = random() - 0.5;
  orthonormalizeRows(vt, p, dims);
  const small = new Float64Array(p * p);

  const route = options.route ?? 'auto';
  const covarianceRoute =
    route === 'auto' ? (count * dims * dims) / 2 + 4 * iterations * dims * dims * p < 2 * iterations * count * dims * p : route === 'covariance';
  if (covarianceRoute) {
    const cov = new Float64Array(dims * dims);
    for (let i = 0; i < count; i++) {
      const row = i * dims;
      for (let a = 0; a < dims; a++) {
        const xa = centred[row + a]!;
        if (xa === 0) continue;
        const base = a * dims;
        for (let b = a; b < dims; b++) cov[base + b]! += xa * centred[row + b]!;
      }
    }
    for (let a = 0; a < dims; a++) {
      for (let b = a; b < dims; b++) {
        const value = cov[a * dims + b]! / denominator;
        cov[a * dims + b] = value;
        cov[b * dims + a] = value;
      }
    }
    // the covariance is small, so iterate generously
    const product = new Float64Array(p * dims);
    for (let it = 0; it < 4 * iterations; it++) {
      timesTransposed(cov, dims, dims, vt, p, product); // product is dims × p = C · V
      for (let j = 0; j < dims; j++) for (let c = 0; c < p; c++) vt[c * dims + j] = product[j * p + c]!;
      orthonormalizeRows(vt, p, dims);
    }
    timesTransposed(cov, dims, dims, vt, p, product);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let j = 0; j < dims; j++) s += vt[a * dims + j]! * product[j * p + b]!;
        small[a * p + b] = s;
      }
    }
  } else {
    const projected = new Float64Array(count * p);
    for (let it = 0; it < iterations; it++) {
      timesTransposed(centred, count, dims, vt, p, projected);
      // vt = projectedᵀ · centred
      const next = new Float64Array(p * dims);
      for (let i = 0; i < count; i++) {
        const row = i * dims;
        for (let c = 0; c < p; c++) {
          const w = projected[i * p + c]!;
          if (w === 0) continue;
          const base = c * dims;
          for (let j = 0; j < dims; j++) next[base + j]! += w * centred[row + j]!;
        }
      }
      orthonormalizeRows(next, p, dims);
      vt = next;
    }
    timesTransposed(centred, count, dims, vt, p, projected);
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        let s = 0;
        for (let i = 0; i < count; i++) s += projected[i * p + a]! * projected[i * p + b]!;
        small[a * p + b] = small[b * p + a] = s / denominator;
      }
    }
  }

  // Rayleigh-Ritz: the eigenvectors of the p×p matrix Vᵀ C V rotate the subspace onto the components
  const { values, vectors } = symmetricEigen(small, p);
  const basis = new Float32Array(k * dims);
  for (let c = 0; c < k; c++) {
    let largest = 0;
    for (let j = 0; j < dims; j++) {
      let s = 0;
      for (let a = 0; a < p; a++) s += vt[a * dims + j]! * vectors[a * p + c]!;
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
