// npm run bench:share — how big a share link is: the demo corpus with and without its vectors,
// bytes per point, and how many chunks of the demo's typical length fit in 8 KB, 32 KB and 2 MB.
import { readFileSync } from 'node:fs';
import { cachedEmbeddings } from '../bench/nativeEmbed';
import { chunkDocuments, parseTopicMarkdown } from '../src/core/corpus';
import { finish } from '../src/core/steps';
import { clusterSteps } from '../src/core/clustering/clusters';
import { startLayout, DEFAULT_LAYOUT } from '../src/core/layoutRun';
import { encodeSnapshot, type ViewSnapshot } from '../src/core/snapshot/codec';

const table = chunkDocuments(parseTopicMarkdown(readFileSync('public/demo/corpus.md', 'utf8')));
const vectors = await cachedEmbeddings(table.texts);
const count = table.texts.length;
const dims = vectors.length / count;
const run = startLayout(vectors, count, dims, DEFAULT_LAYOUT.pca);
while (!run.done) run.step(1000);
const clusters = finish(clusterSteps(vectors, count, dims, table.texts, { method: 'kmeans', k: null, minClusterSize: null }));
const view = (withVectors: boolean): ViewSnapshot => ({
  model: { id: 'built-in', dtype: 'q8' },
  chunking: {},
  corpus: { sources: table.sources, texts: table.texts, sourceIds: table.sourceIds },
  layout: { params: { ...DEFAULT_LAYOUT.pca }, coords: run.coords() },
  vectors: withVectors ? { dims, data: vectors } : null,
  camera: { position: [0, 0, 23], target: [0, 0, 0], zoom: 1 },
  query: withVectors ? { text: 'How do black holes form?', vector: vectors.slice(0, dims), retrieval: { retriever: 'dense', topK: 5 } } : null,
  goldMarks: {},
  selected: null,
  chosen: [],
  clusters: { labels: clusters.labels, names: clusters.clusters.map((c) => c.terms) },
  colour: { mode: 'cluster', column: null, hidden: [] },
  search: '',
});
const origin = 'http://localhost:4173/#';
const textBytes = table.texts.reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
console.log(`demo corpus: ${count} chunks, ${(textBytes / count).toFixed(0)} bytes of text per chunk on average, ${dims}-d vectors\n`);
for (const withVectors of [false, true]) {
  const bytes = origin.length + (await encodeSnapshot(view(withVectors))).length;
  const perPoint = bytes / count;
  const fits = (limit: number) => Math.floor(limit / perPoint).toLocaleString('en');
  console.log(`${withVectors ? 'with vectors (int8) and the query' : 'texts, layout and clusters only'}: ${bytes.toLocaleString('en')} bytes, ${perPoint.toFixed(0)} bytes per point; chunks that fit: 8 KB ${fits(8 * 1024)}, 32 KB ${fits(32 * 1024)}, 2 MB ${fits(2 * 1024 * 1024)}`);
}
