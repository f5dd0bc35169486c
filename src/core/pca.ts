// PCA by randomized subspace iteration finished with Rayleigh-Ritz. Two routes to the same
// answer, whichever costs fewer multiply-adds: iterate on the D×D covariance (built once, N·D²/2)
// or on the centred data directly (2·N·D·p per iteration). Inner loops run along contiguous rows.
import type { VectorRows } from './vectors';
import { orthonormalizeRows, symmetricEigen } from './linalg';
import { seededRandom } from './random';
import { createDotKernel, type DotKernel } from './retrieval/simdDots';

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

/**
 * Products in float32 SIMD from this many multiply-adds (a few milliseconds of JavaScript): below,
 * float64 JavaScript, whose small results tests pin to the last digits.
 */
const SIMD_WORK = 4_000_000;

/** The SIMD kernel holding these rows, or null where there is no SIMD or the module cannot hold them. */
function loadedKernel(rows: VectorRows, count: number, dims: number): DotKernel | null {
  const kernel = createDotKernel();
  try {
    kernel?.load(rows, count, dims);
    return kernel;
  } catch {
    return null;
  }
}

/** rows × dims times the transpose of the p × dims matrix vt (less `shift` from each row): out is rows × p. In SIMD where there is SIMD and the work is large. */
function timesTransposed(
  x: VectorRows | Float64Array,
  rows: number,
  dims: number,
  vt: Float64Array | Float32Array,
  p: number,
  out: Float64Array | Float32Array,
  shift?: Float32Array | Float64Array,
): void {
  const kernel = dims % 4 === 0 && rows * dims * p >= SIMD_WORK ? loadedKernel(vt instanceof Float32Array ? vt : Float32Array.from(vt), p, dims) : null;
  if (kernel) {
    const row = new Float32Array(dims);
    const products = new Float32Array(p);
    for (let i = 0; i < rows; i++) {
      const base = i * dims;
      for (let j = 0; j < dims; j++) row[j] = shift ? x[base + j]! - shift[j]! : x[base + j]!;
      kernel.dots(row, products);
      for (let c = 0; c < p; c++) out[i * p + c] = products[c]!;
    }
    return;
  }
  // plain JavaScript, four columns at a time
  const row = new Float64Array(dims);
  for (let i = 0; i < rows; i++) {
    const base = i * dims;
    for (let j = 0; j < dims; j++) row[j] = shift ? x[base + j]! - shift[j]! : x[base + j]!;
    let c = 0;
    for (; c + 4 <= p; c += 4) {
      const v0 = c * dims;
      const v1 = v0 + dims;
      const v2 = v1 + dims;
      const v3 = v2 + dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < dims; j++) {
        const r = row[j]!;
        s0 += r * vt[v0 + j]!;
        s1 += r * vt[v1 + j]!;
        s2 += r * vt[v2 + j]!;
        s3 += r * vt[v3 + j]!;
      }
      out[i * p + c] = s0;
      out[i * p + c + 1] = s1;
      out[i * p + c + 2] = s2;
      out[i * p + c + 3] = s3;
    }
    for (; c < p; c++) {
      const v = c * dims;
      let s = 0;
      for (let j = 0; j < dims; j++) s += row[j]! * vt[v + j]!;
      out[i * p + c] = s;
    }
  }
}

export function fitPca(data: VectorRows, count: number, dims: number, options: PcaOptions): PcaModel {
  const k = Math.min(options.components, dims);
  if (count < 1) throw new RangeError('PCA needs at least one point');
  const p = Math.min(dims, k + 6);
  const iterations = options.iterations ?? 24;
  const random = seededRandom(options.seed ?? 1);

  const mean = new Float64Array(dims);
  for (let i = 0; i < count; i++) for (let j = 0; j < dims; j++) mean[j]! += data[i * dims + j]!;
  for (let j = 0; j < dims; j++) mean[j]! /= count;
  // centred on the fly, never as a copy: at a million rows a copy is gigabytes
  let totalSquares = 0;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dims; j++) {
      const value = Math.fround(data[i * dims + j]! - mean[j]!);
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
    const cov = covariance(data, mean, count, dims, denominator);
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
    const watched = Math.min(k, 3);
    for (let it = 0; it < iterations; it++) {
      timesTransposed(data, count, dims, vt, p, projected, mean);
      // vt = projectedᵀ · centred
      const next = new Float64Array(p * dims);
      for (let i = 0; i < count; i++) {
        const row = i * dims;
        for (let c = 0; c < p; c++) {
          const w = projected[i * p + c]!;
          if (w === 0) continue;
          const base = c * dims;
          for (let j = 0; j < dims; j++) next[base + j]! += w * Math.fround(data[row + j]! - mean[j]!);
        }
      }
      orthonormalizeRows(next, p, dims);
      // stop once the new subspace holds the previous leading directions (Rayleigh-Ritz then
      // rotates within it): they no longer move out of it
      let settled = it >= 2;
      for (let c = 0; c < watched && settled; c++) {
        let captured = 0;
        for (let r = 0; r < p; r++) {
          let d = 0;
          for (let j = 0; j < dims; j++) d += next[r * dims + j]! * vt[c * dims + j]!;
          captured += d * d;
        }
        settled = captured > 1 - 1e-5;
      }
      vt = next;
      if (settled) break;
    }
    timesTransposed(data, count, dims, vt, p, projected, mean);
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
export function projectPca(model: PcaModel, data: VectorRows, count: number): Float32Array {
  const out = new Float32Array(count * model.components);
  timesTransposed(data, count, model.dims, model.basis, model.components, out, model.mean);
  return out;
}

/** Fraction of the total variance each component explains. */
export function explainedVarianceRatio(model: PcaModel): number[] {
  return Array.from(model.variances, (v) => (model.totalVariance > 0 ? v / model.totalVariance : 0));
}

/** rows the SIMD covariance transposes at a time (a block of columns of 12 MB at 384 dimensions) */
const COVARIANCE_BLOCK = 8_192;

/**
 * The covariance (dims × dims) of the rows less `shift`: in SIMD, block by block, as dot products of
 * a block's columns where there is SIMD.
 */
function covariance(data: VectorRows, shift: Float64Array, count: number, dims: number, denominator: number): Float64Array {
  const cov = new Float64Array(dims * dims);
  const kernel = count * dims * dims >= SIMD_WORK ? createDotKernel() : null;
  if (kernel) {
    // a block's columns padded with zeros to a multiple of four (the kernel's step), which add nothing
    const length = Math.min(COVARIANCE_BLOCK, Math.ceil(count / 4) * 4);
    const columns = new Float32Array(dims * length);
    const row = new Float32Array(dims);
    for (let from = 0; from < count; from += length) {
      const rows = Math.min(length, count - from);
      columns.fill(0);
      for (let i = 0; i < rows; i++) for (let j = 0; j < dims; j++) columns[j * length + i] = data[(from + i) * dims + j]! - shift[j]!;
      kernel.load(columns, dims, length);
      for (let a = 0; a < dims; a++) {
        kernel.dots(columns.subarray(a * length, (a + 1) * length), row);
        for (let b = 0; b < dims; b++) cov[a * dims + b]! += row[b]!;
      }
    }
    for (let k = 0; k < cov.length; k++) cov[k] = cov[k]! / denominator;
    return cov;
  }
  // four rows at a time, centred into a scratch: a quarter of the loads and stores on the covariance
  const centred = new Float32Array(4 * dims);
  const centre = (from: number, rows: number) => {
    for (let k = 0; k < rows * dims; k++) centred[k] = data[from * dims + k]! - shift[k % dims]!;
  };
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    centre(i, 4);
    for (let a = 0; a < dims; a++) {
      const x0 = centred[a]!;
      const x1 = centred[dims + a]!;
      const x2 = centred[2 * dims + a]!;
      const x3 = centred[3 * dims + a]!;
      const base = a * dims;
      for (let b = a; b < dims; b++) cov[base + b]! += x0 * centred[b]! + x1 * centred[dims + b]! + x2 * centred[2 * dims + b]! + x3 * centred[3 * dims + b]!;
    }
  }
  for (; i < count; i++) {
    centre(i, 1);
    for (let a = 0; a < dims; a++) {
      const xa = centred[a]!;
      const base = a * dims;
      for (let b = a; b < dims; b++) cov[base + b]! += xa * centred[b]!;
    }
  }
  for (let a = 0; a < dims; a++) {
    for (let b = a; b < dims; b++) {
      const value = cov[a * dims + b]! / denominator;
      cov[a * dims + b] = value;
      cov[b * dims + a] = value;
    }
  }
  return cov;
}
