// What-ifs for the vector types vector databases store: int8 (each vector scaled to ±127 and
// rounded) and binary (the sign of each dimension; cosine of ±1 vectors is 1 − 2 · Hamming / D).
// Both return float vectors with the information the stored type keeps, so one search runs on all.
// With Matryoshka truncation first, a variant is what a database would store and search.
import type { VectorRows } from '../vectors';
import { truncateVectors } from '../models';

export type VectorType = 'float' | 'int8' | 'binary';

export function quantized<T extends VectorRows>(vectors: T, dims: number, type: VectorType): T | Float32Array {
  if (type === 'float') return vectors;
  const out = new Float32Array(vectors.length);
  for (let base = 0; base < vectors.length; base += dims) {
    if (type === 'binary') {
      for (let j = 0; j < dims; j++) out[base + j] = vectors[base + j]! >= 0 ? 1 : -1;
      continue;
    }
    let max = 0;
    for (let j = 0; j < dims; j++) max = Math.max(max, Math.abs(vectors[base + j]!));
    const scale = max > 0 ? 127 / max : 0;
    for (let j = 0; j < dims; j++) out[base + j] = scale > 0 ? Math.round(vectors[base + j]! * scale) / scale : 0;
  }
  return out;
}

export interface VectorVariant {
  type: VectorType;
  /** keep this many leading dimensions (Matryoshka); null keeps all */
  dims: number | null;
  /** the model layer-normalises before cutting (nomic v1.5) */
  layerNorm: boolean;
}

export const FULL_VECTORS: VectorVariant = { type: 'float', dims: null, layerNorm: false };

export const isFull = (variant: VectorVariant, dims: number): boolean => variant.type === 'float' && (variant.dims === null || variant.dims >= dims);

export function variantName(variant: VectorVariant): string {
  const parts = [variant.dims !== null ? `${variant.dims}-d` : '', variant.type !== 'float' ? variant.type : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'float';
}

/** Rows (corpus or queries) as the variant stores them. */
export function applyVariant<T extends VectorRows>(vectors: T, dims: number, variant: VectorVariant): { vectors: T | Float32Array; dims: number } {
  const keep = variant.dims !== null && variant.dims < dims ? variant.dims : dims;
  const cut = truncateVectors(vectors, dims, keep, variant.layerNorm);
  return { vectors: quantized(cut, keep, variant.type), dims: keep };
}
