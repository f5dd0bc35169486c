// npm run bench:share — how big a share link is: the demo corpus referenced by hash or carried,
// with no vectors, int8 vectors or PCA-reduced ones; bytes per point, and how many chunks of the demo's typical length fit in 8 KB, 32 KB and 2 MB.
import { readFileSync } from 'node:fs';
import { cachedEmbeddings } from '../bench/nativeEmbed';
import { chunkDocuments, parseTopicMarkdown } from '../src/core/corpus';
import { finish } from '../src/core/steps';
import { clusterSteps, DEFAULT_CLUSTERING } from '../src/core/clustering/clusters';
import { startLayout, DEFAULT_LAYOUT } from '../src/core/layoutRun';
import { encodeSnapshot, type ViewSnapshot } from '../src/core/snapshot/codec';
import { projectRows, REDUCED_DIMS, reduceVectors } from '../src/core/snapshot/reduce';
import { cosineTopK } from '../src/core/retrieval/dense';
import { rowNorms } from '../src/core/vectors';

const table = chunkDocuments(parseTopicMarkdown(readFileSync('public/demo/corpus.md', 'utf8')));
const vectors = await cachedEmbeddings(table.texts);
const count = table.texts.length;
const dims = vectors.length / count;
const run = startLayout(vectors, count, dims, DEFAULT_LAYOUT.pca);
while (!run.done) run.step(1000);
const clusters = finish(clusterSteps(vectors, count, dims, table.texts, DEFAULT_CLUSTERING));
type VectorKind = 'none' | 'int8' | 'reduced';
/** The view of the first `rows` chunks (the whole demo, or part of it to tell a link's fixed cost from its cost per point). */
const view = (referenced: boolean, kind: VectorKind, rows = count): ViewSnapshot => {
  const data = vectors.slice(0, rows * dims);
  const carried = kind === 'none' ? null : kind === 'int8' ? { dims, data, projection: null } : reduceVectors(data, rows, dims);
  return {
    model: { id: 'built-in', dtype: 'q8', prefixes: { query: '', passage: '' } },
    chunking: {},
    corpus: referenced
      ? { kind: 'referenced', hash: 'x'.repeat(22), count: rows, demo: true }
      : { kind: 'carried', sources: table.sources, texts: table.texts.slice(0, rows), sourceIds: table.sourceIds.slice(0, rows) },
    layout: { params: { ...DEFAULT_LAYOUT.pca }, coords: run.coords().slice(0, rows * 3) },
    vectors: carried,
    camera: { position: [0, 0, 23], target: [0, 0, 0], zoom: 1 },
    query: carried ? { text: 'How do black holes form?', vector: carried.data.slice(0, carried.dims), retrieval: { retriever: 'dense', topK: 5 } } : null,
    goldMarks: {},
    selected: null,
    chosen: [],
    clusters: { labels: clusters.labels.slice(0, rows), names: clusters.clusters.map((c) => c.terms) },
    colour: { mode: 'cluster', column: null, hidden: [] },
    search: '',
    lab: null,
  };
};
const origin = 'http://localhost:4173/#';
const linkBytes = async (referenced: boolean, kind: VectorKind, rows?: number) => origin.length + (await encodeSnapshot(view(referenced, kind, rows))).length;
const textBytes = table.texts.reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
console.log(`demo corpus: ${count} chunks, ${(textBytes / count).toFixed(0)} bytes of text per chunk on average, ${dims}-d vectors`);
console.log(
  '(fixed: the bytes any link of this kind pays, e.g. the PCA projection; per point: what each further chunk adds, from links of half and all of the demo)\n',
);
const VECTORS = {
  none: 'no vectors',
  int8: `int8 vectors (${dims}-d) and the query`,
  reduced: `vectors reduced to ${REDUCED_DIMS}-d by PCA and the query`,
} as const;
for (const referenced of [true, false]) {
  for (const kind of ['none', 'int8', 'reduced'] as const) {
    const bytes = await linkBytes(referenced, kind);
    const half = Math.floor(count / 2);
    const perPoint = (bytes - (await linkBytes(referenced, kind, half))) / (count - half);
    const fixed = Math.max(0, bytes - perPoint * count);
    const fits = (limit: number) => Math.max(0, Math.floor((limit - fixed) / perPoint)).toLocaleString('en');
    console.log(
      `${referenced ? 'demo referenced by hash' : 'chunks carried'}, ${VECTORS[kind]}: ${bytes.toLocaleString('en')} bytes (fixed ${Math.round(fixed).toLocaleString('en')}, ${perPoint.toFixed(0)} per point); chunks that fit: 8 KB ${fits(8 * 1024)}, 32 KB ${fits(32 * 1024)}, 2 MB ${fits(2 * 1024 * 1024)}`,
    );
  }
}

// what a reduced link costs a query: how many of the full vectors' top 10 the reduced ones still find
const norms = rowNorms(vectors, dims);
const reduced = reduceVectors(vectors, count, dims);
const reducedNorms = rowNorms(reduced.data, reduced.dims);
let kept = 0;
for (let q = 0; q < count; q++) {
  const query = vectors.subarray(q * dims, (q + 1) * dims);
  const full = new Set(cosineTopK(vectors, dims, norms, query, 10, q).map((h) => h.index));
  kept += cosineTopK(reduced.data, reduced.dims, reducedNorms, projectRows(reduced.projection, query, 1), 10, q).filter((h) => full.has(h.index)).length;
}
console.log(`\nreduced to ${reduced.dims}-d: each chunk's 10 nearest chunks, ${((kept / (count * 10)) * 100).toFixed(1)}% the same as with the full vectors`);
