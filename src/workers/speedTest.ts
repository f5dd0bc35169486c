// A short speed test on first use: the model on each candidate backend, at a few batch sizes,
// over the same made-up sentences; the fastest comes first.
import type { Backend, SpeedSample } from './embed.protocol';
import type { Embedder } from './embedder';

const BATCH_SIZES = [8, 16, 32];
const TOPICS = ['orbits', 'bread', 'rivers', 'markets', 'music', 'engines', 'forests', 'proteins'];
const SAMPLE = Array.from({ length: 32 }, (_, i) => `Timing sentence ${i} is a short passage about ${TOPICS[i % TOPICS.length]} and how they change over time.`);

export async function speedTest(
  embedderFor: (backend: Backend) => Promise<Embedder>,
  backends: Backend[],
): Promise<SpeedSample[]> {
  const samples: SpeedSample[] = [];
  for (const backend of backends) {
    let embedder: Embedder;
    try {
      embedder = await embedderFor(backend);
    } catch {
      continue; // a backend that cannot load is simply not a candidate
    }
    await embedder.embed(SAMPLE.slice(0, 4)); // warm-up: the first run compiles kernels
    for (const batchSize of BATCH_SIZES) {
      const start = performance.now();
      for (let i = 0; i < SAMPLE.length; i += batchSize) await embedder.embed(SAMPLE.slice(i, i + batchSize));
      samples.push({ backend: embedder.backend, batchSize, msPerChunk: (performance.now() - start) / SAMPLE.length });
    }
  }
  if (samples.length === 0) throw new Error('the model loads on no backend');
  return samples.sort((a, b) => a.msPerChunk - b.msPerChunk);
}
