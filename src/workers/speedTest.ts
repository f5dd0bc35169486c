// A short speed test on first use: the model on each candidate backend, at a few batch sizes,
// over the same made-up sentences, with as many batches at once as the model has workers; the
// fastest comes first.
import { embedInBatches } from '../core/batching';
import type { Backend, SpeedSample } from '../core/models';
import type { Model } from './modelPool';

const BATCH_SIZES = [8, 16, 32];
const TOPICS = ['orbits', 'bread', 'rivers', 'markets', 'music', 'engines', 'forests', 'proteins'];
const sentence = (i: number) => `Timing sentence ${i} is a short passage about ${TOPICS[i % TOPICS.length]} and how they change over time.`;

export async function speedTest(modelFor: (backend: Backend) => Promise<Model>, backends: Backend[]): Promise<SpeedSample[]> {
  const samples: SpeedSample[] = [];
  for (const backend of backends) {
    let model: Model;
    try {
      model = await modelFor(backend);
      await model.ready;
    } catch {
      continue; // a backend that cannot load is simply not a candidate
    }
    // the largest batch once per worker
    const sample = Array.from({ length: BATCH_SIZES.at(-1)! * model.workers }, (_, i) => sentence(i));
    const run = (texts: string[], batchSize: number) =>
      embedInBatches(texts, async (batch) => (await model.embed(batch)).vectors, { batchSize, dims: model.dims, concurrency: model.workers });
    await run(sample.slice(0, 4 * model.workers), 4); // warm-up: the first run compiles kernels, in every worker
    for (const batchSize of BATCH_SIZES) {
      const start = performance.now();
      await run(sample, batchSize);
      samples.push({ backend: model.backend, batchSize, msPerChunk: (performance.now() - start) / sample.length });
    }
  }
  if (samples.length === 0) throw new Error('the model loads on no backend');
  return samples.sort((a, b) => a.msPerChunk - b.msPerChunk);
}
