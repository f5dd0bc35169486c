// The corpus as retrievers search it, made once per corpus version: row norms, the SIMD dot-product
// kernel (float32, or int8 with rescoring past INT8_SCAN_BYTES), the BM25 index (on first use) and each vector variant asked about (int8, binary, fewer
// dimensions), kept while the vectors stay the same.
import { type Bm25Index, buildBm25 } from './bm25';
import type { Dots } from './dense';
import { applyVariant, isFull, type VectorVariant, variantName } from './quantize';
import type { CorpusIndex } from './retrieve';
import { createInt8DotKernel, int8Fits } from './int8Dots';
import { createDotKernel, type DotKernel } from './simdDots';
import { rowNorms, type VectorRows } from '../vectors';

/** A variant's vectors get a SIMD kernel (a copy in its memory) up to this size; larger ones use the JavaScript loop. */
const VARIANT_KERNEL_BYTES = 256 * 2 ** 20;
/** Past this size the vectors are scanned as int8 (a quarter of the copy, and faster), the top rows rescored exactly. */
export const INT8_SCAN_BYTES = 128 * 2 ** 20;

/** How dense search scans vectors of this many bytes and dimensions (where WebAssembly SIMD is there). */
export const denseScan = (bytes: number, dims: number): 'int8' | 'float32' => (bytes > INT8_SCAN_BYTES && int8Fits(dims) ? 'int8' : 'float32');

export interface DenseIndex {
  vectors: VectorRows;
  dims: number;
  norms: Float32Array;
  dots?: Dots;
}

export class IndexCache {
  private dense: (DenseIndex & { source: VectorRows }) | null = null;
  private bm25: { texts: string[]; index: Bm25Index } | null = null;
  private readonly variants = new Map<string, DenseIndex>();
  /** dense search's dot products in WebAssembly SIMD (null where it is missing) */
  private readonly kernel: DotKernel | null;

  constructor(
    private readonly makeKernel: () => DotKernel | null = createDotKernel,
    private readonly makeInt8Kernel: () => DotKernel | null = createInt8DotKernel,
  ) {
    this.kernel = makeKernel();
  }

  /** The vectors with their norms and kernel. */
  denseIndex(vectors: VectorRows, dims: number): DenseIndex {
    if (this.dense?.source !== vectors || this.dense.dims !== dims) {
      // a fresh int8 kernel per corpus: a module's memory never shrinks
      // by the bytes of the float32 copy the other kernel would make
      const int8 = denseScan(vectors.length * 4, dims) === 'int8' ? this.makeInt8Kernel() : null;
      const kernel = int8 ?? this.kernel;
      const simd = kernel !== null && dims % 4 === 0 && dims > 0;
      if (simd) kernel.load(vectors, vectors.length / dims, dims);
      const dots = simd ? Object.assign((query: Float32Array, out: Float32Array) => kernel.dots(query, out), { approximate: int8 !== null }) : undefined;
      this.dense = { source: vectors, vectors, dims, norms: rowNorms(vectors, dims), dots };
      this.variants.clear();
    }
    const { source: _, ...index } = this.dense;
    return index;
  }

  /** The vectors and the texts' BM25 index: what every retriever needs. */
  corpusIndex(vectors: VectorRows, dims: number, texts: string[]): CorpusIndex {
    if (this.bm25?.texts !== texts) this.bm25 = { texts, index: buildBm25(texts) };
    return { ...this.denseIndex(vectors, dims), bm25: this.bm25.index };
  }

  /** The corpus as a variant stores it. */
  variantIndex(index: CorpusIndex, variant: VectorVariant): CorpusIndex {
    if (isFull(variant, index.dims)) return index;
    const key = variantName(variant);
    let stored = this.variants.get(key);
    if (!stored) {
      const applied = applyVariant(index.vectors, index.dims, variant);
      const kernel = applied.dims % 4 === 0 && applied.vectors.byteLength <= VARIANT_KERNEL_BYTES ? this.makeKernel() : null;
      kernel?.load(applied.vectors, applied.vectors.length / applied.dims, applied.dims);
      stored = { ...applied, norms: rowNorms(applied.vectors, applied.dims), dots: kernel ? (query, out) => kernel.dots(query, out) : undefined };
      this.variants.set(key, stored);
    }
    return { ...index, ...stored };
  }
}
