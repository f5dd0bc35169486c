// Vectors already computed are never computed again: a bounded map from (model, precision,
// prefixed text) to its vector, and a helper that embeds only what the map lacks.

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
}

/**
 * Fills an N×dims buffer for `texts`: cached rows are copied, the rest go to `embedMissing`
 * (in their original order) and are cached. Returns the buffer and how many were computed.
 */
export async function embedThroughCache(
  texts: string[],
  keyOf: (text: string) => string,
  cache: EmbeddingCache,
  embedMissing: (texts: string[]) => Promise<{ vectors: Float32Array; dims: number }>,
): Promise<{ vectors: Float32Array; dims: number; computed: number }> {
  const missing: number[] = [];
  const found: (Float32Array | undefined)[] = texts.map((t, i) => {
    const hit = cache.get(keyOf(t));
    if (!hit) missing.push(i);
    return hit;
  });
  let dims = found.find((v) => v)?.length ?? 0;
  let fresh: Float32Array | null = null;
  if (missing.length > 0) {
    const result = await embedMissing(missing.map((i) => texts[i]!));
    fresh = result.vectors;
    dims = result.dims;
  }
  const vectors = new Float32Array(texts.length * dims);
  missing.forEach((i, m) => {
    const row = fresh!.slice(m * dims, (m + 1) * dims);
    cache.set(keyOf(texts[i]!), row);
    found[i] = row;
  });
  found.forEach((row, i) => vectors.set(row!, i * dims));
  return { vectors, dims, computed: missing.length };
}
