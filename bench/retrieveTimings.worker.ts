/// <reference lib="webworker" />
// Times dense and BM25 top-10 inside a worker, as the app's retrieval worker runs them: the
// WebAssembly SIMD kernels (float32, and int8 with its top rows rescored, which the app uses past
// 128 MiB) and, as the baseline in the same run, the plain JavaScript loop.
import { buildBm25, bm25Scores } from '../src/core/retrieval/bm25';
import { denseScores } from '../src/core/retrieval/dense';
import { topK } from '../src/core/retrieval/ranking';
import { createInt8DotKernel } from '../src/core/retrieval/int8Dots';
import { createDotKernel } from '../src/core/retrieval/simdDots';
import { rowNorms } from '../src/core/vectors';
import { syntheticCorpus, syntheticQueries } from './retrieveCorpus';

declare const self: DedicatedWorkerGlobalScope;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

self.onmessage = (message: MessageEvent<{ count: number; dims: number; rounds: number }>) => {
  const { count, dims, rounds } = message.data;
  const corpus = syntheticCorpus(count, dims, 11);
  const queries = syntheticQueries(corpus, dims, rounds, 12);
  const norms = rowNorms(corpus.vectors, dims);
  const kernel = createDotKernel()!;
  kernel.load(corpus.vectors, count, dims);
  const time = (run: (q: number) => void) => {
    run(0); // warm-up
    return median(
      Array.from({ length: rounds }, (_, q) => {
        const started = performance.now();
        run(q);
        return performance.now() - started;
      }),
    );
  };
  const query = (q: number) => queries.vectors.subarray(q * dims, (q + 1) * dims);
  const denseSimd = time((q) =>
    topK(
      denseScores(corpus.vectors, dims, norms, query(q), 'cosine', (v, out) => kernel.dots(v, out)),
      10,
    ),
  );
  const int8 = createInt8DotKernel()!;
  int8.load(corpus.vectors, count, dims);
  const approximate = Object.assign((v: Float32Array, out: Float32Array) => int8.dots(v, out), { approximate: true });
  const denseInt8 = time((q) => topK(denseScores(corpus.vectors, dims, norms, query(q), 'cosine', approximate), 10));
  let kept = 0;
  for (let q = 0; q < rounds; q++) {
    const exact = new Set(
      topK(
        denseScores(corpus.vectors, dims, norms, query(q), 'cosine', (v, out) => kernel.dots(v, out)),
        10,
      ).map((h) => h.index),
    );
    kept += topK(denseScores(corpus.vectors, dims, norms, query(q), 'cosine', approximate), 10).filter((h) => exact.has(h.index)).length;
  }
  const denseJs = time((q) => topK(denseScores(corpus.vectors, dims, norms, query(q), 'cosine'), 10));
  const started = performance.now();
  const index = buildBm25(corpus.texts);
  const bm25Build = performance.now() - started;
  const bm25 = time((q) => topK(bm25Scores(index, queries.texts[q]!), 10));
  self.postMessage({ denseSimd, denseInt8, int8Kept: kept / (10 * rounds), denseJs, bm25, bm25Build, terms: index.terms.size });
};
