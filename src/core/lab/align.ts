// Laying one space's picture over another's: orthogonal Procrustes (rotation or reflection, one
// scale and a shift) of layout B onto layout A over the items both share, as umap-learn's docs
// advise for comparing two embeddings of the same data. Reflections are allowed: a layout's
// handedness means nothing.
import { orthonormalizeRows, symmetricEigen } from '../linalg';

export interface Alignment {
  /** B's coordinates, every row, moved onto A's frame */
  coords: Float32Array;
  /** d×d row-major: aligned = scale · rotation · (b − centreB) + centreA */
  rotation: Float64Array;
  scale: number;
  /** RMS distance between matched items after alignment, over the RMS spread of A: 0 the same picture, about 1.4 unrelated ones */
  residual: number;
}

/**
 * Aligns layout B onto layout A. `pairs` lists [rowInA, rowInB] of the items both share (absent:
 * row i of A is row i of B, for every row of the shorter).
 */
export function alignLayouts(a: Float32Array, b: Float32Array, dims: number, pairs?: Int32Array): Alignment {
  const matched = pairs ?? identityPairs(Math.min(a.length, b.length) / dims);
  const n = matched.length / 2;
  if (n === 0) throw new Error('the two layouts share no item to align on');
  const centreA = new Float64Array(dims);
  const centreB = new Float64Array(dims);
  for (let p = 0; p < n; p++) {
    for (let d = 0; d < dims; d++) {
      centreA[d]! += a[matched[2 * p]! * dims + d]! / n;
      centreB[d]! += b[matched[2 * p + 1]! * dims + d]! / n;
    }
  }
  // cross-covariance M = Σ (a − ā)(b − b̄)ᵀ, and the spreads
  const m = new Float64Array(dims * dims);
  let spreadA = 0;
  let spreadB = 0;
  for (let p = 0; p < n; p++) {
    const ra = matched[2 * p]! * dims;
    const rb = matched[2 * p + 1]! * dims;
    for (let i = 0; i < dims; i++) {
      const ai = a[ra + i]! - centreA[i]!;
      spreadA += ai * ai;
      spreadB += (b[rb + i]! - centreB[i]!) ** 2;
      for (let j = 0; j < dims; j++) m[i * dims + j]! += ai * (b[rb + j]! - centreB[j]!);
    }
  }
  const { rotation, singularSum } = polarRotation(m, dims);
  const scale = spreadB > 0 ? singularSum / spreadB : 1;
  const rows = b.length / dims;
  const coords = new Float32Array(b.length);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < dims; i++) {
      let sum = 0;
      for (let j = 0; j < dims; j++) sum += rotation[i * dims + j]! * (b[r * dims + j]! - centreB[j]!);
      coords[r * dims + i] = scale * sum + centreA[i]!;
    }
  }
  let misfit = 0;
  for (let p = 0; p < n; p++) {
    for (let d = 0; d < dims; d++) misfit += (coords[matched[2 * p + 1]! * dims + d]! - a[matched[2 * p]! * dims + d]!) ** 2;
  }
  const residual = spreadA > 0 ? Math.sqrt(misfit / spreadA) : 0;
  return { coords, rotation, scale, residual };
}

function identityPairs(count: number): Int32Array {
  const pairs = new Int32Array(2 * count);
  for (let i = 0; i < count; i++) pairs[2 * i] = pairs[2 * i + 1] = i;
  return pairs;
}

/** R = U Vᵀ of M = U S Vᵀ (the orthogonal matrix nearest M), and the sum of M's singular values. */
function polarRotation(m: Float64Array, dims: number): { rotation: Float64Array; singularSum: number } {
  const mtm = new Float64Array(dims * dims);
  for (let i = 0; i < dims; i++)
    for (let j = 0; j < dims; j++) {
      let sum = 0;
      for (let k = 0; k < dims; k++) sum += m[k * dims + i]! * m[k * dims + j]!;
      mtm[i * dims + j] = sum;
    }
  const { values, vectors } = symmetricEigen(mtm, dims);
  const sigma = Array.from(values, (v) => Math.sqrt(Math.max(0, v)));
  const tiny = (sigma[0] ?? 0) * 1e-9;
  // rows of uT are U's columns: u_j = M v_j / σ_j; a direction M flattens gets any orthonormal completion
  const uT = new Float64Array(dims * dims);
  for (let j = 0; j < dims; j++) {
    for (let i = 0; i < dims; i++) {
      if (sigma[j]! > tiny) {
        let sum = 0;
        for (let k = 0; k < dims; k++) sum += m[i * dims + k]! * vectors[k * dims + j]!;
        uT[j * dims + i] = sum / sigma[j]!;
      } else uT[j * dims + i] = vectors[i * dims + j]!;
    }
  }
  orthonormalizeRows(uT, dims, dims);
  const rotation = new Float64Array(dims * dims);
  for (let i = 0; i < dims; i++)
    for (let j = 0; j < dims; j++) {
      let sum = 0;
      for (let k = 0; k < dims; k++) sum += uT[k * dims + i]! * vectors[j * dims + k]!;
      rotation[i * dims + j] = sum;
    }
  return { rotation, singularSum: sigma.reduce((s, x) => s + x, 0) };
}
