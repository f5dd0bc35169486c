// Runs an embedding function over texts in batches into one preallocated N×D buffer. Texts of
// similar length share a batch (a batch is padded to its longest text), rows land in input order.

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export interface BatchOptions {
  batchSize: number;
  dims: number;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** awaited before each batch, e.g. to let a worker receive a cancel message */
  yieldBetweenBatches?: () => Promise<void>;
}

export async function embedInBatches(texts: string[], embedBatch: (batch: string[]) => Promise<Float32Array>, options: BatchOptions): Promise<Float32Array> {
  const { batchSize, dims } = options;
  if (batchSize < 1) throw new RangeError('batchSize must be at least 1');
  const out = new Float32Array(texts.length * dims);
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  for (let start = 0; start < texts.length; start += batchSize) {
    await options.yieldBetweenBatches?.();
    if (options.isCancelled?.()) throw new CancelledError();
    const rows = order.slice(start, start + batchSize);
    const batch = rows.map((row) => texts[row]!);
    const vectors = await embedBatch(batch);
    if (vectors.length !== batch.length * dims) {
      throw new Error(`the model returned ${vectors.length / batch.length} dimensions, expected ${dims}`);
    }
    rows.forEach((row, k) => out.set(vectors.subarray(k * dims, (k + 1) * dims), row * dims));
    options.onProgress?.(Math.min(texts.length, start + batch.length), texts.length);
  }
  if (options.isCancelled?.()) throw new CancelledError();
  return out;
}
