// npm run bench:clusters — how well each clustering method finds the demo corpus's eleven topics:
// the adjusted Rand index against the topics and the three label words of each cluster, on the
// built-in model's vectors (computed natively with the same ONNX model the app runs).
import { readFileSync } from 'node:fs';
import { cachedEmbeddings } from '../bench/nativeEmbed';
import { adjustedRandIndex } from '../src/core/clustering/agreement';
import { type ClusterSettings, clusterSteps } from '../src/core/clustering/clusters';
import { chunkDocuments, parseTopicMarkdown } from '../src/core/corpus';
import { finish } from '../src/core/steps';

const documents = parseTopicMarkdown(readFileSync('public/demo/corpus.md', 'utf8'));
const table = chunkDocuments(documents);
const vectors = await cachedEmbeddings(table.texts);
const count = table.texts.length;
const dims = vectors.length / count;
console.log(`demo corpus: ${count} chunks, ${documents.length} topics, ${dims}-d (built-in model)\n`);
const runs: [string, ClusterSettings][] = [
  ['k-means, k by silhouette (the default)', { method: 'kmeans', k: null, minClusterSize: null }],
  ['k-means, k = 11', { method: 'kmeans', k: 11, minClusterSize: null }],
  ['HDBSCAN, minimum cluster size auto', { method: 'hdbscan', k: null, minClusterSize: null }],
  ['HDBSCAN, minimum cluster size 10', { method: 'hdbscan', k: null, minClusterSize: 10 }],
];
for (const [name, settings] of runs) {
  const started = performance.now();
  const result = finish(clusterSteps(vectors, count, dims, table.texts, settings));
  const ms = performance.now() - started;
  const ari = adjustedRandIndex(result.labels, table.sourceIds);
  console.log(
    `${name}: ${result.clusters.length} clusters, ${result.unclustered} unclustered, ARI ${ari.toFixed(3)}${result.silhouette !== null ? `, silhouette ${result.silhouette.toFixed(3)}` : ''} (${ms.toFixed(0)} ms)`,
  );
  for (const c of result.clusters) {
    // the topic most of the cluster's chunks come from
    const topics = new Map<number, number>();
    result.labels.forEach((l, i) => l === c.id && topics.set(table.sourceIds[i]!, (topics.get(table.sourceIds[i]!) ?? 0) + 1));
    const [topic, n] = [...topics].sort((a, b) => b[1] - a[1])[0]!;
    console.log(`  ${c.terms.join(' · ').padEnd(34)} ${String(c.size).padStart(3)} chunks, ${n} from ${table.sources[topic]}`);
  }
  console.log('');
}
