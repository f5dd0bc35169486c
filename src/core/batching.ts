// Runs an embedding function over texts in batches into one preallocated N×D buffer. Texts of
// similar length share a batch (a batch is padded to its longest text), rows land in input order;
// with a concurrency above 1, that many batches run at once (one per model worker).

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export interface BatchOptions {
  batchSize: number;
  dims: number;
  /** batches in flight at once (one per model worker); 1 by default */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** awaited before each batch, e.g. to let a worker receive a cancel message */
  yieldBetweenBatches?: () => Promise<void>;
}

export async function embedInBatches(texts: string[], embedBatch: (batch: string[]) => Promise<Float32Array>, options: BatchOptions): Promise<Float32Array> {
  const { batchSize, dims } = options;
  if (batchSize < 1) throw new RangeError('batchSize must be at least 1');
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const out = new Float32Array(texts.length * dims);
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  const run = async (rows: number[]) => {
    const batch = rows.map((row) => texts[row]!);
    const vectors = await embedBatch(batch);
    if (vectors.length !== batch.length * dims) {
      throw new Error(`the model returned ${vectors.length / batch.length} dimensions, expected ${dims}`);
    }
    rows.forEach((row, k) => out.set(vectors.subarray(k * dims, (k + 1) * dims), row * dims));
    done += batch.length;
    options.onProgress?.(done, texts.length);
  };
  try {
    for (let start = 0; start < texts.length; start += batchSize) {
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      await options.yieldBetweenBatches?.();
      if (options.isCancelled?.()) throw new CancelledError();
      const task: Promise<void> = run(order.slice(start, start + batchSize)).finally(() => inFlight.delete(task));
      task.catch(() => {}); // seen through the race or the final wait, whichever comes first
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  } finally {
    // a cancel or a failure returns only once the batches already started have settled
    await Promise.allSettled(inFlight);
  }
  if (options.isCancelled?.()) throw new CancelledError();
  return out;
}
