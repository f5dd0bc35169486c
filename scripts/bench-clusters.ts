// npm run bench:clusters — how well Orrery's clusters find the topics of real labelled corpora:
// the demo's eleven topics and three corpora built from this machine's documentation
// (bench/labelledCorpora.ts), all embedded by the built-in model (natively, the same ONNX model the
// app runs). Orrery's default and its other methods are scored by adjusted Rand index and
// normalised mutual information against the labels, beside references computed on the same
// vectors in the same run by scikit-learn and umap-learn (bench/reference_clusters.py). Goal: the
// default's ARI ≥ 0.9× the best reference on each corpus; the demo at ARI ≥ 0.85.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { debianPackages, type LabelledCorpus, manualPages, pythonDocstrings } from '../bench/labelledCorpora';
import { cachedEmbeddings } from '../bench/nativeEmbed';
import { adjustedRandIndex, normalizedMutualInformation } from '../src/core/clustering/agreement';
import { type ClusterSettings, clusterSteps, DEFAULT_CLUSTERING } from '../src/core/clustering/clusters';
import { chunkDocuments, parseTopicMarkdown } from '../src/core/corpus';
import { finish } from '../src/core/steps';

const PYTHON = '/usr/bin/python3';

function demoCorpus(): LabelledCorpus {
  const documents = parseTopicMarkdown(readFileSync('public/demo/corpus.md', 'utf8'));
  const table = chunkDocuments(documents);
  return { name: 'demo (11 topics)', texts: table.texts, labels: table.sourceIds, classes: table.sources };
}

const ours: [string, ClusterSettings][] = [
  ['Orrery default (UMAP 5-d, k-means, k by silhouette)', DEFAULT_CLUSTERING],
  ['Orrery UMAP 5-d + HDBSCAN, noise to nearest', { ...DEFAULT_CLUSTERING, method: 'hdbscan', noise: 'nearest' }],
  ['Orrery k-means on full vectors, k by silhouette (the old default)', { ...DEFAULT_CLUSTERING, reduceTo: null }],
  ['Orrery HDBSCAN on full vectors', { ...DEFAULT_CLUSTERING, method: 'hdbscan', reduceTo: null }],
];

const only = process.argv[2];
const corpora = [demoCorpus, debianPackages, manualPages, pythonDocstrings].map((make) => make()).filter((c) => !only || c.name.startsWith(only));
mkdirSync('.bench', { recursive: true });
const verdicts: string[] = [];
for (const corpus of corpora) {
  const vectors = await cachedEmbeddings(corpus.texts);
  const count = corpus.texts.length;
  const dims = vectors.length / count;
  console.log(`\n## ${corpus.name}: ${count} texts, ${corpus.classes.length} classes, ${dims}-d (built-in model)`);
  const path = `.bench/clusters-${corpus.name.split(' ')[0]!.toLowerCase()}.f32`;
  writeFileSync(path, vectors);
  writeFileSync(`${path}.labels`, new Int32Array(corpus.labels));
  const references = JSON.parse(
    execFileSync(PYTHON, ['bench/reference_clusters.py', path, String(count), String(dims)], { maxBuffer: 1 << 26 }).toString(),
  ) as Record<string, { ari: number; nmi: number; clusters: number; seconds: number }>;
  const row = (name: string, r: { ari: number; nmi: number; clusters: number; seconds: number }) =>
    console.log(`${name.padEnd(68)} ARI ${r.ari.toFixed(3)}  NMI ${r.nmi.toFixed(3)}  ${String(r.clusters).padStart(3)} clusters  ${r.seconds.toFixed(2)} s`);
  for (const [name, r] of Object.entries(references)) row(`${name} (scikit-learn${name.startsWith('UMAP') ? ', umap-learn' : ''})`, r);
  const best = Math.max(...Object.values(references).map((r) => r.ari));
  let defaultAri = 0;
  for (const [name, settings] of ours) {
    const started = performance.now();
    const result = finish(clusterSteps(vectors, count, dims, corpus.texts, settings));
    const seconds = (performance.now() - started) / 1000;
    const ari = adjustedRandIndex(result.labels, corpus.labels);
    if (settings === DEFAULT_CLUSTERING) defaultAri = ari;
    row(name, { ari, nmi: normalizedMutualInformation(result.labels, corpus.labels), clusters: result.clusters.length, seconds });
    if (settings !== DEFAULT_CLUSTERING) continue;
    for (const c of result.clusters) {
      const classes = new Map<number, number>();
      result.labels.forEach((l, i) => l === c.id && classes.set(corpus.labels[i]!, (classes.get(corpus.labels[i]!) ?? 0) + 1));
      const [label, n] = [...classes].sort((a, b) => b[1] - a[1])[0]!;
      console.log(`    ${c.terms.join(' · ').padEnd(40)} ${String(c.size).padStart(4)} texts, ${n} of them ${corpus.classes[label]}`);
    }
  }
  const ratio = defaultAri / best;
  verdicts.push(`${corpus.name}: default ARI ${defaultAri.toFixed(3)} = ${ratio.toFixed(2)}× the best reference (${best.toFixed(3)})`);
}
console.log(`\n${verdicts.join('\n')}`);
