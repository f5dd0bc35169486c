// Vectors already computed are never computed again: a bounded in-memory map from (model,
// precision, prefixed text) to its vector, an optional persistent store behind it (IndexedDB in
// the browser), and a helper that embeds only what neither holds, each distinct text once.

export class EmbeddingCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(private readonly capacity = 200_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Float32Array | undefined {
    return this.entries.get(key);
  }

  set(key: string, vector: Float32Array): void {
    if (this.entries.size >= this.capacity) {
      // forget the oldest entry (Maps iterate in insertion order)
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, vector);
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface PersistentVectors {
  getMany(keys: string[]): Promise<(Float32Array | undefined)[]>;
  putMany(entries: [string, Float32Array][]): Promise<void>;
}

/**
 * Fills an N×dims buffer for `texts`: rows found in the cache (or the persistent store) are
 * copied, each distinct missing text goes once to `embedMissing` (in first-seen order).
 * Returns the buffer and how many texts were computed.
 */
export async function embedThroughCache(
  texts: string[],
  keyOf: (text: string) => string,
  cache: EmbeddingCache,
  embedMissing: (texts: string[]) => Promise<{ vectors: Float32Array; dims: number }>,
  persistent?: PersistentVectors,
): Promise<{ vectors: Float32Array; dims: number; computed: number; stored: number }> {
  const keys = texts.map(keyOf);
  const found = new Map<string, Float32Array>();
  const unknown: string[] = [];
  for (const key of new Set(keys)) {
    const hit = cache.get(key);
    if (hit) found.set(key, hit);
    else unknown.push(key);
  }
  let stored = 0;
  if (persistent && unknown.length > 0) {
    const rows = await persistent.getMany(unknown);
    rows.forEach((row, i) => {
      if (!row) return;
      cache.set(unknown[i]!, row);
      found.set(unknown[i]!, row);
      stored++;
    });
  }
  const missing = unknown.filter((key) => !found.has(key));
  let dims = found.values().next().value?.length ?? 0;
  if (missing.length > 0) {
    const textOf = new Map<string, string>();
    keys.forEach((key, i) => textOf.has(key) || textOf.set(key, texts[i]!));
    const result = await embedMissing(missing.map((key) => textOf.get(key)!));
    dims = result.dims;
    missing.forEach((key, m) => {
      const row = result.vectors.slice(m * dims, (m + 1) * dims);
      cache.set(key, row);
      found.set(key, row);
    });
  }
  const vectors = new Float32Array(texts.length * dims);
  keys.forEach((key, i) => vectors.set(found.get(key)!, i * dims));
  return { vectors, dims, computed: missing.length, stored };
}
