// npm run bench:scale — what a million rows cost, measured in this process on a seeded synthetic
// clustered set (BENCH_ROWS, default 1,000,000 × 384: 100 Gaussian clusters): dense top 10 as the
// retrieval worker runs it — the JavaScript loop, the float32 WebAssembly SIMD kernel, and the int8
// SIMD scan with its top 512 rescored exactly (the app's choice past 128 MiB of vectors) — with the
// bytes each keeps beside the vectors and how much of each exact top 10 the int8 scan keeps (goal:
// ≤ 150 ms), and how much vectors held as float16 keep; the default clustering, fitted on a sample and assigned to all; and a Parquet file of
// the same shape (BENCH_PARQUET_ROWS, default BENCH_ROWS; written once by DuckDB into .bench/) read
// by Orrery's reader (hyparquet, a row group at a time, as the ingest worker runs it) against DuckDB
// reading it into a table on one thread; then the same file dropped into the built app: time to the
// first picture and the browser's memory (benchScaleApp.ts).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { f16round } from '@petamoriken/float16';
import { loadInApp } from './benchScaleApp';
import { parquetTable } from '../src/core/ingest/parquet';
import { clusterSteps, DEFAULT_CLUSTERING } from '../src/core/clustering/clusters';
import { type Dots, denseScores } from '../src/core/retrieval/dense';
import { createInt8DotKernel } from '../src/core/retrieval/int8Dots';
import { topK } from '../src/core/retrieval/ranking';
import { createDotKernel } from '../src/core/retrieval/simdDots';
import { finish } from '../src/core/steps';
import { gaussianClusters } from '../src/core/syntheticData';
import { rowNorms } from '../src/core/vectors';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const dims = 384;
const QUERIES = 20;
const { data, labels } = gaussianClusters(100, rows / 100, dims, 3, 0.5);
const norms = rowNorms(data, dims);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  return [run(), performance.now() - started];
};

console.log(`bench:scale — ${rows.toLocaleString('en')} × ${dims} (vectors ${mib(data.byteLength)}), ${QUERIES} queries, median ms`);
const float32 = createDotKernel()!;
const [, loadFloat] = timed(() => float32.load(data, rows, dims));
const int8 = createInt8DotKernel()!;
const [, loadInt8] = timed(() => int8.load(data, rows, dims));
const scans: [string, Dots | undefined, string][] = [
  ['JavaScript loop', undefined, 'none'],
  ['float32 SIMD', (q, out) => float32.dots(q, out), `${mib(data.byteLength)} copy, loaded in ${Math.round(loadFloat)} ms`],
  [
    'int8 SIMD + top 512 rescored',
    Object.assign((q: Float32Array, out: Float32Array) => int8.dots(q, out), { approximate: true }),
    `${mib(int8.bytes)} copy, quantised in ${Math.round(loadInt8)} ms`,
  ],
];
const queries = Array.from({ length: QUERIES }, (_, r) => {
  const row = (r * 7919) % rows;
  return data.slice(row * dims, (row + 1) * dims).map((x, j) => x + Math.sin(j + r) * 0.3);
});
const exact = queries.map((q) => topK(denseScores(data, dims, norms, q, 'cosine', scans[1]![1]), 10).map((h) => h.index));
for (const [name, dots, memory] of scans) {
  const times: number[] = [];
  let kept = 0;
  queries.forEach((q, r) => {
    if (!dots && r >= 3) return; // the plain loop is slow: three queries tell its time
    const [top, ms] = timed(() => topK(denseScores(data, dims, norms, q, 'cosine', dots), 10));
    times.push(ms);
    kept += top.filter((h) => exact[r]!.includes(h.index)).length;
  });
  console.log(
    `  dense top 10, ${name}: ${median(times).toFixed(1)} ms; keeps ${((100 * kept) / (10 * times.length)).toFixed(1)} % of the exact top 10; beside the vectors: ${memory}`,
  );
}
// held as float16 (the app's choice past 512 MiB as float32): the same numbers rounded, searched as the app searches them
const rounded = new Float32Array(data.length);
for (let i = 0; i < data.length; i++) rounded[i] = f16round(data[i]!);
const roundedNorms = rowNorms(rounded, dims);
const int8OfRounded = createInt8DotKernel()!;
int8OfRounded.load(rounded, rows, dims);
const float32OfRounded = createDotKernel()!;
float32OfRounded.load(rounded, rows, dims);
const keptOf = (dots: Dots) =>
  queries.reduce(
    (kept, q, r) => kept + topK(denseScores(rounded, dims, roundedNorms, q, 'cosine', dots), 10).filter((h) => exact[r]!.includes(h.index)).length,
    0,
  ) /
  (10 * QUERIES);
console.log(
  `  held as float16 (${mib(data.length * 2)}): exact search keeps ${(100 * keptOf((q, out) => float32OfRounded.dots(q, out))).toFixed(1)} % of the float32 top 10; ` +
    `the int8 scan rescored from float16 keeps ${(100 * keptOf(Object.assign((q: Float32Array, out: Float32Array) => int8OfRounded.dots(q, out), { approximate: true }))).toFixed(1)} %`,
);
const [clustering, clusterMs] = timed(() => finish(clusterSteps(data, rows, dims, [], DEFAULT_CLUSTERING)));
const { adjustedRandIndex } = await import('../src/core/clustering/agreement');
console.log(
  `  default clustering: ${(clusterMs / 1000).toFixed(1)} s, fitted on ${clustering.fittedOn?.toLocaleString('en') ?? 'all'}, ${clustering.clusters.length} clusters, ARI ${adjustedRandIndex(clustering.labels, labels).toFixed(3)} against the 100 planted`,
);

const parquetRows = Number(process.env.BENCH_PARQUET_ROWS ?? rows);
const path = `.bench/scale-${parquetRows}.parquet`;
const duck = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
// 100 clusters: each row its cluster's centre (a hash of cluster and dimension) plus noise (a hash of
// row and dimension), so the file is the same every time; hashes scaled to [0, 1), so the floats are
// as unrepeated as a model's and DuckDB stores them PLAIN, as it would embeddings
const unit = (key: string) => `(hash(${key}) / 18446744073709551616.0)`;
mkdirSync('.bench', { recursive: true });
if (!existsSync(path))
  await duck.run(`COPY (SELECT i AS id, 'chunk ' || i AS text, i % 100 AS cluster,
    list_transform(range(${dims}), d -> ${unit('(i % 100) * 1000 + d')} * 2 - 1 + (${unit('i * 1000 + d')} - 0.5) * 0.5)::FLOAT[${dims}] AS vector
    FROM range(${parquetRows}) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 50000)`);
const timedAsync = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  return [await run(), performance.now() - started];
};
const [, duckMs] = await timedAsync(() => duck.run(`CREATE TABLE loaded AS SELECT * FROM read_parquet('${path}')`));
duck.closeSync();
// read as the app reads a dropped file: in ranges, a row group's columns at a time; all rows (no memory budget), as DuckDB does
const handle = await open(path);
const ranged = {
  byteLength: statSync(path).size,
  slice: async (start: number, end = statSync(path).size) => {
    const bytes = new Uint8Array(end - start);
    await handle.read(bytes, 0, bytes.length, start);
    return bytes.buffer;
  },
};
const [table, oursMs] = await timedAsync(() => parquetTable(ranged, undefined, { vectorBytes: Infinity }));
await handle.close();
console.log(
  `  Parquet, ${parquetRows.toLocaleString('en')} × ${dims} in row groups of 50,000 (${mib(statSync(path).size)}): Orrery's reader ${(oursMs / 1000).toFixed(1)} s ` +
    `(${table.rows.length.toLocaleString('en')} rows, ${table.vectors?.dims}-d) = ${(oursMs / duckMs).toFixed(1)}× DuckDB into a table on one thread (${(duckMs / 1000).toFixed(1)} s)`,
);

// the app, as a user gets it: the same file dropped into the built app
const app = await loadInApp(path);
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const { fresh, settled } = app;
console.log(
  `  the app, ${path} dropped in: first picture in ${(app.firstPictureMs / 1000).toFixed(1)} s (${(app.firstPictureMs / duckMs).toFixed(1)}× DuckDB's read); ` +
    `${app.scale.rows.toLocaleString('en')} rows kept, ${app.scale.drawn.toLocaleString('en')} drawn, vectors ${app.scale.vectorStorage} (${gib(app.scale.memoryBytes)} with norms, coordinates and dense search's int8 copy)\n` +
    `    browser memory (resident, all processes): fresh app ${gib(fresh.total)}, peak ${gib(app.peaks.total)} (page and workers ${gib(app.peaks.renderer)}, browser process ${gib(app.peaks.browser)}), settled ${gib(settled.total)} ` +
    `(page and workers ${gib(settled.renderer)} against ${gib(fresh.renderer)} fresh; browser process ${gib(settled.browser)} against ${gib(fresh.browser)})` +
    `\n    reloaded: the saved workspace read back and Ready in ${(app.reload.readyMs / 1000).toFixed(1)} s, peak ${gib(app.reload.peaks.total)}, settled ${gib(app.reload.settled.total)} ` +
    `(page and workers ${gib(app.reload.settled.renderer)}, browser process ${gib(app.reload.settled.browser)})` +
    `${app.note ? `\n    ${app.note}` : ''}`,
);
