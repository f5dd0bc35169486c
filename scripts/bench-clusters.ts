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
import { clusterCentroids, namesByMeaning } from '../src/core/clustering/namesByMeaning';
import { terms } from '../src/core/clustering/words';
import { chunkDocuments, parseTopicMarkdown } from '../src/core/corpus';
import { finish } from '../src/core/steps';

const PYTHON = '/usr/bin/python3';

function demoCorpus(): LabelledCorpus {
  const documents = parseTopicMarkdown(readFileSync('public/demo/corpus.md', 'utf8'));
  const table = chunkDocuments(documents);
  return { name: 'demo (11 topics)', texts: table.texts, labels: table.sourceIds, classes: table.sources };
}

const ours: [string, ClusterSettings][] = [
  ['Orrery default (UMAP 5-d, k-means, k by modularity)', DEFAULT_CLUSTERING],
  ['Orrery UMAP 5-d + HDBSCAN, noise to nearest', { ...DEFAULT_CLUSTERING, method: 'hdbscan', noise: 'nearest' }],
  ['Orrery k-means on full vectors, k by modularity', { ...DEFAULT_CLUSTERING, reduceTo: null }],
  ['Orrery HDBSCAN on full vectors', { ...DEFAULT_CLUSTERING, method: 'hdbscan', reduceTo: null }],
];

/**
 * How much a cluster's name says its topic: for each word of a name, the share of the texts holding
 * it that belong to the class most of the cluster is (phrases count by their words), averaged.
 */
function namePrecision(corpus: LabelledCorpus, byWords: string[][], byMeaning: string[][], majority: number[]): void {
  const words = corpus.texts.map((t) => new Set(terms(t)));
  const precision = (names: string[][]) => {
    const shares: number[] = [];
    names.forEach((name, c) =>
      name
        .flatMap((n) => n.split(' '))
        .forEach((word) => {
          const holding = corpus.labels.filter((_, i) => words[i]!.has(word));
          if (holding.length > 0) shares.push(holding.filter((l) => l === majority[c]).length / holding.length);
        }),
    );
    return shares.reduce((a, b) => a + b, 0) / Math.max(1, shares.length);
  };
  console.log(`    names' words in their cluster's topic: by word counts ${precision(byWords).toFixed(3)}, by meaning ${precision(byMeaning).toFixed(3)}`);
}

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
    // the app's names by meaning: the candidates embedded by the same model, closest to each centroid
    const candidates = result.clusters.map((c) => c.candidates ?? c.terms);
    const byMeaning = namesByMeaning(
      candidates,
      await cachedEmbeddings(candidates.flat()),
      dims,
      clusterCentroids(vectors, dims, result.labels, candidates.length),
    );
    const majority: number[] = [];
    for (const c of result.clusters) {
      const classes = new Map<number, number>();
      result.labels.forEach((l, i) => l === c.id && classes.set(corpus.labels[i]!, (classes.get(corpus.labels[i]!) ?? 0) + 1));
      const [label, n] = [...classes].sort((a, b) => b[1] - a[1])[0]!;
      majority[c.id] = label;
      console.log(`    ${c.terms.join(' · ').padEnd(40)} ${String(c.size).padStart(4)} texts, ${n} of them ${corpus.classes[label]}`);
      console.log(`      by meaning: ${byMeaning[c.id]!.join(' · ')}`);
    }
    namePrecision(
      corpus,
      result.clusters.map((c) => c.terms),
      byMeaning,
      majority,
    );
  }
  const ratio = defaultAri / best;
  verdicts.push(`${corpus.name}: default ARI ${defaultAri.toFixed(3)} = ${ratio.toFixed(2)}× the best reference (${best.toFixed(3)})`);
}
console.log(`\n${verdicts.join('\n')}`);
