/// <reference lib="webworker" />
// Times dense and BM25 top-10 inside a worker, as the app's retrieval worker runs them: the
// WebAssembly SIMD kernel and, as the baseline in the same run, the plain JavaScript loop.
import { buildBm25, bm25Scores } from '../src/core/retrieval/bm25';
import { denseScores } from '../src/core/retrieval/dense';
import { topK } from '../src/core/retrieval/ranking';
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
  const denseJs = time((q) => topK(denseScores(corpus.vectors, dims, norms, query(q), 'cosine'), 10));
  const started = performance.now();
  const index = buildBm25(corpus.texts);
  const bm25Build = performance.now() - started;
  const bm25 = time((q) => topK(bm25Scores(index, queries.texts[q]!), 10));
  self.postMessage({ denseSimd, denseJs, bm25, bm25Build, terms: index.terms.size });
};
