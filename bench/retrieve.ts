// Browser half of `npm run bench:retrieve`: top-10 timings in a worker, and the app's own
// retrieval worker answering a query and evaluating a query set.
import { DEFAULT_RETRIEVAL } from '../src/core/retrieval/retrieve';
import type { RetrieveCalls, RetrieveProgress } from '../src/workers/retrieve.protocol';
import { WorkerClient } from '../src/workers/rpc';
import { syntheticCorpus, syntheticQueries } from './retrieveCorpus';

export interface TopTimings {
  denseSimd: number;
  /** the int8 scan with its top rows rescored, and the share of each exact top 10 it kept */
  denseInt8: number;
  int8Kept: number;
  denseJs: number;
  bm25: number;
  bm25Build: number;
  terms: number;
}

function topTimings(count: number, dims: number, rounds: number): Promise<TopTimings> {
  const worker = new Worker(new URL('./retrieveTimings.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (message: MessageEvent<TopTimings>) => (resolve(message.data), worker.terminate());
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage({ count, dims, rounds });
  });
}

/** The app's retrieval worker: one full answer (every retriever, standings) and an evaluation of `queryCount` queries. */
async function appWorker(
  count: number,
  dims: number,
  queryCount: number,
): Promise<{ answerMs: number; evaluateMs: number; evaluateVariantsMs: number; hit10: number }> {
  const client = new WorkerClient<RetrieveCalls, RetrieveProgress>(
    () => new Worker(new URL('../src/workers/retrieve.worker.ts', import.meta.url), { type: 'module' }),
  );
  const corpus = syntheticCorpus(count, dims, 21);
  const queries = syntheticQueries(corpus, dims, queryCount, 22);
  const vectors = new Float32Array(new SharedArrayBuffer(corpus.vectors.byteLength));
  vectors.set(corpus.vectors);
  await client.request('vectors', { space: 'a', vectorsId: 1, vectors, count, dims });
  await client.request('texts', { space: 'a', textsId: 2, texts: corpus.texts });
  const ask = () =>
    client.request('query', {
      vectorsId: 1,
      textsId: 2,
      vector: queries.vectors.subarray(0, dims),
      text: queries.texts[0]!,
      settings: { ...DEFAULT_RETRIEVAL, topK: 10 },
      variant: { type: 'float', dims: null, layerNorm: false },
      gold: [],
    });
  await ask(); // builds the BM25 index and loads the kernel
  const answers = [];
  for (let r = 0; r < 5; r++) answers.push((await ask()).elapsedMs);
  const evaluate = async (variants: RetrieveCalls['evaluate']['params']['variants']) => {
    const started = performance.now();
    const result = await client.request('evaluate', {
      vectorsId: 1,
      textsId: 2,
      texts: queries.texts,
      vectors: queries.vectors,
      relevant: queries.rows.map((r) => [r]),
      settings: { ...DEFAULT_RETRIEVAL, topK: 10 },
      variants,
    });
    return { ms: performance.now() - started, hit10: result.rows[0]!.mean.hit10 };
  };
  const plain = await evaluate([]);
  const withVariants = await evaluate([
    { type: 'int8', dims: null, layerNorm: false },
    { type: 'binary', dims: null, layerNorm: false },
  ]);
  client.close();
  return { answerMs: Math.min(...answers), evaluateMs: plain.ms, evaluateVariantsMs: withVariants.ms, hit10: plain.hit10 };
}

Object.assign(window, { topTimings, appWorker, isolated: self.crossOriginIsolated });
