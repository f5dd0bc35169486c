// npm run bench:lab — the model lab's comparison at 10,000 real chunks: Debian package descriptions
// embedded by the built-in model (natively, the same ONNX model the app runs) as space A, and the
// first 128 of their 512 dimensions as space B (a Matryoshka-style cut, the cheapest second space).
// Timed in this process as the lab runs them: both spaces' true neighbours (exact when affordable,
// NN-descent beyond, its recall checked on a sample against exact), the Jaccard overlap and the
// Procrustes alignment (goal: ≤ 3 s together); 1,000 queries answered in both spaces against one
// (goal: ≤ 2×); and what two spaces of 50,000 × 768 take in memory, float32 against float16, with
// how much of each top 10 float16 keeps.
import { Worker } from 'node:worker_threads';
import { f16round } from '@petamoriken/float16';
import { debianPackages } from '../bench/labelledCorpora';
import { cachedEmbeddings } from '../bench/nativeEmbed';
import { exactKnnOfRowsSteps, exactKnnSteps, unitRows } from '../src/core/knn';
import { alignLayouts } from '../src/core/lab/align';
import { float16Keeps, KEEPS_RANKS } from '../src/core/lab/halfPrecision';
import { exactNeighboursAffordable, neighbourJaccard } from '../src/core/lab/overlap';
import { truncateVectors } from '../src/core/models';
import { nnDescentSteps } from '../src/core/nnDescent';
import { fitPca, projectPca } from '../src/core/pca';
import { cosineTopK } from '../src/core/retrieval/dense';
import { finish } from '../src/core/steps';

const COUNT = 10_000;
const K = 10;
const QUERIES = 1_000;

// every archive section, up to 400 descriptions of each, the first 10,000 in section order
const corpus = debianPackages(400, 'all');
const texts = corpus.texts.slice(0, COUNT);
const a = await cachedEmbeddings(texts);
const count = texts.length;
const dimsA = a.length / count;
const dimsB = 128;
const b = truncateVectors(a, dimsA, dimsB);
console.log(`${count.toLocaleString('en')} Debian package descriptions; A ${dimsA}-d (built-in model), B its first ${dimsB} dimensions`);

const timed = <T>(name: string, run: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = run();
  const ms = performance.now() - started;
  console.log(`${name.padEnd(58)} ${(ms / 1000).toFixed(2)} s`);
  return { value, ms };
};
const neighbours = (data: Float32Array, dims: number) =>
  finish(exactNeighboursAffordable(count, dims) ? exactKnnSteps(data, count, dims, K) : nnDescentSteps(data, count, dims, K));

const inA = timed(`neighbours in A (${exactNeighboursAffordable(count, dimsA) ? 'exact' : 'NN-descent'})`, () => neighbours(a, dimsA));
const inB = timed(`neighbours in B (${exactNeighboursAffordable(count, dimsB) ? 'exact' : 'NN-descent'})`, () => neighbours(b, dimsB));
const overlap = timed('Jaccard overlap per chunk', () => neighbourJaccard(inA.value.indices, inB.value.indices, count, K));
// two pictures to align: each space's first three principal components, as a PCA layout would draw them
const layoutOf = (data: Float32Array, dims: number) => projectPca(fitPca(data, count, dims, { components: 3 }), data, count);
const pictureA = layoutOf(a, dimsA);
const pictureB = layoutOf(b, dimsB);
const alignment = timed('Procrustes alignment of B onto A', () => alignLayouts(pictureA, pictureB, 3));
const total = inA.ms + inB.ms + overlap.ms + alignment.ms;
const mean = overlap.value.reduce((s, x) => s + x, 0) / count;
console.log(`together, one thread: ${(total / 1000).toFixed(2)} s: mean overlap ${mean.toFixed(3)}, alignment RMSD ${alignment.value.residual.toFixed(3)}`);

// as the app runs it: A's neighbours in a worker of their own (the quality worker starts them when
// Compare is pressed) while B's are found beside them; then the overlap and the alignment
const sideBySide = await (async () => {
  const started = performance.now();
  const shared = new Float32Array(new SharedArrayBuffer(a.byteLength));
  shared.set(a);
  // a TypeScript worker: tsx registered inside it first
  const script = new URL('../bench/labNeighbours.worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { data: shared, count, dims: dimsA, k: K } });
  const fromWorker = new Promise<Int32Array>((resolve, reject) => {
    worker.once('message', (message: { indices: Int32Array }) => resolve(message.indices));
    worker.once('error', reject);
  });
  const graphB = neighbours(b, dimsB);
  const indicesA = await fromWorker;
  await worker.terminate();
  const jaccard = neighbourJaccard(indicesA, graphB.indices, count, K);
  alignLayouts(pictureA, pictureB, 3);
  if (jaccard.some((x, i) => x !== overlap.value[i])) throw new Error('the threads found other neighbours than one thread did');
  return performance.now() - started;
})();
console.log(`together, A's neighbours on a thread of their own: ${(sideBySide / 1000).toFixed(2)} s (goal ≤ 3 s; one thread ${(total / 1000).toFixed(2)} s)`);

// NN-descent's recall, on a seeded sample of rows, against exact neighbours of those rows
const sample = Int32Array.from({ length: 300 }, (_, i) => (i * 7919) % count);
for (const [name, data, dims, graph] of [
  ['A', a, dimsA, inA.value],
  ['B', b, dimsB, inB.value],
] as const) {
  const exact = finish(exactKnnOfRowsSteps(data, count, dims, sample, K));
  let found = 0;
  sample.forEach((row, s) => {
    const truth = new Set(exact.indices.subarray(s * K, (s + 1) * K));
    for (let j = 0; j < K; j++) if (truth.has(graph.indices[row * K + j]!)) found++;
  });
  console.log(`neighbour recall in ${name} against exact (300 rows): ${(found / sample.length / K).toFixed(3)}`);
}

// 1,000 queries (chunks of the corpus used as queries) answered in one space, then in both
const normsOf = (data: Float32Array, dims: number) => Float32Array.from({ length: count }, (_, r) => Math.hypot(...data.subarray(r * dims, (r + 1) * dims)));
const [normsA, normsB] = [normsOf(a, dimsA), normsOf(b, dimsB)];
const queryRows = Array.from({ length: QUERIES }, (_, i) => (i * 104729) % count);
const answer = (data: Float32Array, dims: number, norms: Float32Array) => {
  for (const row of queryRows) cosineTopK(data, dims, norms, data.subarray(row * dims, (row + 1) * dims), K, row);
};
const one = timed(`${QUERIES} queries, top ${K}, in A`, () => answer(a, dimsA, normsA));
const both = timed(`${QUERIES} queries, top ${K}, in A and in B`, () => {
  answer(a, dimsA, normsA);
  answer(b, dimsB, normsB);
});
console.log(`both spaces / one space: ${(both.ms / one.ms).toFixed(2)}× (goal ≤ 2×)`);

// memory of two spaces of 50,000 × 768, and what float16 storage keeps of each top 10
const bytes = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const rows50k = 50_000;
console.log(
  `two spaces of 50,000 × 768: float32 ${bytes(2 * rows50k * 768 * 4)}, float16 ${bytes(2 * rows50k * 768 * 2)} (plus 2 × 50,000 × 10 neighbours: ${bytes(2 * rows50k * K * 4)})`,
);
const half = new Float32Array(a.length);
const view = new DataView(new ArrayBuffer(4));
for (let i = 0; i < a.length; i++) {
  // float32 → nearest float16 → float32: keep 10 mantissa bits
  view.setFloat32(0, a[i]!);
  const bits = view.getUint32(0);
  view.setUint32(0, (bits + 0x1000) & 0xffffe000);
  half[i] = view.getFloat32(0);
}
const unitA = unitRows(a, count, dimsA);
const unitHalf = unitRows(half, count, dimsA);
const ones = new Float32Array(count).fill(1);
let kept = 0;
for (const row of queryRows.slice(0, 300)) {
  const query = unitA.subarray(row * dimsA, (row + 1) * dimsA);
  const full = new Set(cosineTopK(unitA, dimsA, ones, query, K, row).map((h) => h.index));
  kept += cosineTopK(unitHalf, dimsA, ones, query, K, row).filter((h) => full.has(h.index)).length;
}
console.log(`float16 storage keeps ${((100 * kept) / 300 / K).toFixed(1)}% of each top 10 (300 queries among all ${count.toLocaleString('en')})`);
// the lab's own check before it holds B as float16 (50 sampled chunks among 2,000)
// (Node 20 has no Math.f16round, the page has)
if (typeof (Math as { f16round?: unknown }).f16round !== 'function') Object.assign(Math, { f16round });
const { value: check } = timed("the lab's own float16 check", () => float16Keeps(a, count, dimsA));
console.log(
  `the lab's check: keeps ${(100 * check.keeps).toFixed(1)}% (${check.queries} chunks among ${check.among.toLocaleString('en')}): B held as ${check.keeps >= KEEPS_RANKS ? 'float16' : 'float32'}`,
);
