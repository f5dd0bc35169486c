// window.__orrery: a read-only summary for tests and scripts (a stable contract, see DESIGN.md).
import { variantName } from '../core/retrieval/quantize';
import { crashWorkerForTest } from '../workers/startWorker';
import type { RetrievedHit } from '../core/retrieval/retrieve';
import { workspace } from './workspace/data';
import { sceneReport } from './sceneReport';
import type { OrreryState } from './slices';
import { allowedHosts } from './allowedHosts';
import { pointColouring } from './colouring';
import { useOrreryStore } from './store';
import { vectorTransfers } from './vectorSync';

interface Standing {
  rank: number | null;
  score: number | null;
}

interface SummaryHit {
  index: number;
  rank: number;
  score: number;
  source: string;
  text: string;
  tokens: number;
  foundBy: string;
  dense: Standing;
  bm25: Standing;
  hybrid: Standing;
}

/** JSON has no Infinity: a chunk a retriever does not return has rank and score null. */
const standing = (s: { rank: number; score: number }): Standing => ({
  rank: Number.isFinite(s.rank) ? s.rank : null,
  score: Number.isFinite(s.score) ? s.score : null,
});

export interface OrrerySummary {
  phase: string;
  message: string;
  chunkCount: number;
  sourceCount: number;
  dims: number;
  model: string;
  modelHost: string | null;
  dtype: string | null;
  backend: string | null;
  layoutMethod: string;
  layoutDims: number;
  layoutRunning: boolean;
  placement: string;
  placedCount: number;
  quality: { k: number; meanRecall: number; recallRows: number; trustworthiness: number; trustRows: number } | null;
  explainedVariance: number[];
  query: {
    text: string;
    k: number;
    retriever: string;
    variant: string;
    /** the answer within the cut: rank and score in the answering retriever, and each retriever's standing */
    results: SummaryHit[];
    /** the next ranks, drawn faintly beyond the cut */
    beyond: SummaryHit[];
    /** each retriever's own top k */
    byRetriever: Record<string, { index: number; rank: number; score: number }[]> | null;
    /** the gold chunks marked for this query, each with its standing under every retriever */
    gold: { index: number; dense: Standing; bm25: Standing; hybrid: Standing; answerRank: number | null; similarity: number; outrankedBy: number[] }[];
    /** the query's tokens when the model cuts it, else null */
    tokens: number | null;
    comparison: { label: string; indices: number[] } | null;
    history: string[];
  };
  /** the last evaluation: per retriever (and vector variant) hit@1/3/5/10, MRR and nDCG@10 */
  evaluation: {
    name: string;
    queries: number;
    table: { retriever: string; hit1: number; hit3: number; hit5: number; hit10: number; mrr: number; ndcg10: number }[];
    notes: string[];
    health: { orphans: number; hubs: [number, number][]; duplicates: [number, number, number][]; noHit: number[] };
  } | null;
  selected: number | null;
  neighbours: { index: number; rank: number; score: number }[];
  notices: string[];
  sources: { name: string; format: string; chunks: number }[];
  chunking: { strategy: string; size: number; overlap: number };
  /** texts the model embedded in this session; cached and imported ones are not counted */
  embeddedCount: number;
  importedCount: number;
  /** chunks longer than the model's input */
  overLimit: number;
  restored: boolean;
  /** bumps on every commit of the corpus (documents, chunks or vectors) */
  corpusVersion: number;
  /** what the scene drew: the retrieval path's lines (rank, chunk, width in pixels, faint below the cut) */
  scene: typeof sceneReport;
  /** corpus vectors sent to the layout and quality workers: once per version and worker; bytes copied are 0 when the page shares memory */
  vectorTransfers: { sends: number; bytesCopied: number };
  /** clusters of the full-dimension vectors, largest first; `running` while they are computed */
  clusters: {
    method: string | null;
    running: boolean;
    /** the corpus version they belong to: equal to corpusVersion once the current corpus is clustered */
    corpusVersion: number;
    items: { id: number; size: number; terms: string[] }[];
    unclustered: number;
    silhouette: number | null;
    minClusterSize: number | null;
    notes: string[];
  };
  /** what the colours mean: the legend's entries (hidden ones shown: false), a numeric column's range, or why a column is not coloured */
  colour: {
    mode: string;
    column: string | null;
    legend: { key: number; name: string; count: number; shown: boolean }[];
    range: { min: number; max: number; missing: number } | null;
    tooManyValues: number | null;
  };
  search: { text: string; matches: number };
  /** the chunks chosen with the lasso, the box or a legend entry */
  selection: { label: string; count: number; indices: number[]; onlyShown: boolean };
  /** where the camera last came to rest; orthographic in the 2-D view */
  camera: { position: number[]; target: number[]; zoom: number; orthographic: boolean } | null;
  theme: string;
  helpOpen: boolean;
  /** the share link last made: its length in bytes, and whether it names its chunks by content hash (the demo's, or any) instead of carrying them */
  share: { length: number | null; referenced: boolean; demo: boolean };
  /** set when the vectors are a share link's PCA reduction: the model's dimensions they were reduced from */
  reducedFrom: number | null;
  /** the vector database: its collections once connected, the collection the workspace holds, and its index's answer to the last query */
  vectorDb: {
    /** hosts besides its own origin that this page may connect to (its connect-src) */
    allowedHosts: string[];
    connected: boolean;
    collections: { name: string; count: number; dims: number | null; space: string }[];
    link: { collection: string; loaded: number; total: number; sampled: boolean; complete: boolean } | null;
    /** index and exact top k as chunk ids; missed: exact hits the index did not return; goldLost: gold rows exact search has in the top k and the index not */
    answer:
      | {
          query: string;
          k: number;
          recall: number | null;
          index: string[];
          exact: string[];
          exactRows: number[];
          missed: { id: string; exactRank: number }[];
          goldLost: number[];
          indexMs: number;
          exactMs: number;
        }
      | { unavailable: string }
      | null;
  };
}

function vectorDbSummary(s: OrreryState): OrrerySummary['vectorDb'] {
  const answer = s.indexAnswer;
  return {
    allowedHosts: [...allowedHosts()],
    connected: s.dbServer !== null,
    collections: (s.dbCollections ?? []).map((c) => ({ name: c.name, count: c.count, dims: c.dims, space: c.space })),
    link: s.indexLink && {
      collection: s.indexLink.collection.name,
      loaded: s.indexLink.loaded,
      total: s.indexLink.total,
      sampled: s.indexLink.sampled,
      complete: s.indexLink.complete,
    },
    answer:
      answer && 'unavailable' in answer
        ? answer
        : answer && {
            query: answer.queryText,
            k: answer.k,
            recall: answer.recall,
            index: answer.index.map((h) => h.id),
            exact: answer.exact.map((h) => h.id),
            exactRows: answer.exact.map((h) => h.row),
            missed: answer.missed.map((h) => ({ id: h.id, exactRank: h.rank })),
            goldLost: answer.gold.filter((g) => g.lost).map((g) => g.row),
            indexMs: answer.indexMs,
            exactMs: answer.exactMs,
          },
  };
}

function colourSummary(s: OrreryState): OrrerySummary['colour'] {
  const colouring = pointColouring(s);
  return {
    mode: s.colourMode,
    column: s.colourColumn,
    legend:
      colouring.kind === 'groups' ? colouring.groups.map((g) => ({ key: g.key, name: g.name, count: g.count, shown: !s.hiddenGroups.includes(g.key) })) : [],
    range: colouring.kind === 'numeric' ? { min: colouring.min, max: colouring.max, missing: colouring.missing } : null,
    tooManyValues: colouring.kind === 'too-many' ? colouring.distinct : null,
  };
}

export function summary(): OrrerySummary {
  const s = useOrreryStore.getState();
  const { table } = workspace;
  const hit = (h: RetrievedHit): SummaryHit => ({
    index: h.index,
    rank: h.rank,
    score: h.score,
    source: table.sources[table.sourceIds[h.index]!] ?? '',
    text: table.texts[h.index] ?? '',
    tokens: table.tokens[h.index] ?? -1,
    foundBy: h.foundBy,
    dense: standing(h.dense),
    bm25: standing(h.bm25),
    hybrid: standing(h.hybrid),
  });
  const perSource = new Array<number>(workspace.documents.length).fill(0);
  for (const id of table.sourceIds) perSource[id]!++;
  return structuredClone({
    phase: s.phase,
    message: s.message,
    chunkCount: s.chunkCount,
    sourceCount: s.sources.length,
    dims: workspace.dims,
    model: s.modelSource.model.id,
    modelHost: s.modelSource.remoteHost,
    dtype: s.dtype,
    backend: s.backend,
    layoutMethod: s.layoutParams.method,
    layoutDims: s.layoutParams.dims,
    layoutRunning: s.layoutProgress !== null,
    placement: s.placement,
    placedCount: s.placedCount,
    quality: s.quality,
    explainedVariance: s.explainedVariance,
    query: {
      text: s.queryText,
      k: s.retrieval.topK,
      retriever: s.retrieval.retriever,
      variant: variantName(s.variant),
      results: s.results.map(hit),
      beyond: s.beyond.map(hit),
      byRetriever: s.byRetriever,
      gold: s.gold.map((g) => ({
        index: g.index,
        dense: standing(g.dense),
        bm25: standing(g.bm25),
        hybrid: standing(g.hybrid),
        answerRank: Number.isFinite(g.answerRank) ? g.answerRank : null,
        similarity: g.similarity,
        outrankedBy: g.outrankedBy.map((o) => o.index),
      })),
      tokens: s.queryTokens,
      comparison: s.comparison && { label: s.comparison.label, indices: s.comparison.hits.map((h) => h.index) },
      history: s.history,
    },
    evaluation: s.evaluation && {
      name: s.evaluation.name,
      queries: s.evaluation.queries.length,
      table: s.evaluation.rows.map((r) => ({
        retriever: r.name,
        hit1: r.mean.hit1,
        hit3: r.mean.hit3,
        hit5: r.mean.hit5,
        hit10: r.mean.hit10,
        mrr: r.mean.rr,
        ndcg10: r.mean.ndcg10,
      })),
      notes: s.evaluation.notes,
      health: {
        orphans: s.evaluation.health.orphans.length,
        hubs: s.evaluation.health.hubs,
        duplicates: s.evaluation.health.duplicates,
        noHit: s.evaluation.health.noHit,
      },
    },
    selected: s.selected,
    neighbours: s.neighbours,
    notices: s.notices.map((n) => `${n.kind}: ${n.text}`),
    sources: workspace.documents.map((d, i) => ({ name: d.name, format: d.format ?? 'text', chunks: perSource[i] ?? 0 })),
    chunking: { strategy: s.chunking.strategy, size: s.chunking.size, overlap: s.chunking.overlap },
    embeddedCount: s.embeddedCount,
    importedCount: s.importedCount,
    overLimit: table.tokens.filter((t) => t > s.modelSource.model.maxTokens).length,
    restored: s.restored,
    corpusVersion: s.corpusVersion,
    scene: sceneReport,
    vectorTransfers,
    vectorDb: vectorDbSummary(s),
    clusters: {
      method: s.clusterRun?.method ?? null,
      running: s.clusterProgress !== null,
      corpusVersion: s.clusterCorpusVersion,
      items: s.clusters.map((c) => ({ id: c.id, size: c.size, terms: c.terms })),
      unclustered: s.unclustered,
      silhouette: s.clusterRun?.silhouette ?? null,
      minClusterSize: s.clusterRun?.minClusterSize ?? null,
      notes: s.clusterRun?.notes ?? [],
    },
    colour: colourSummary(s),
    search: { text: s.searchText, matches: s.searchCount },
    selection: { label: s.chosenLabel, count: s.chosen.length, indices: s.chosen, onlyShown: s.onlyChosen },
    camera: s.camera && { ...s.camera, orthographic: s.layoutParams.dims === 2 },
    theme: s.theme,
    helpOpen: s.helpOpen,
    share: { length: s.shareLink?.bytes ?? null, referenced: s.shareLink?.referenced ?? false, demo: s.shareLink?.demo ?? false },
    reducedFrom: workspace.projection?.from ?? null,
  });
}

export function installAutomation(): void {
  Object.defineProperty(window, '__orrery', { get: summary, configurable: true });
  // tests that set window.__orreryTestHooks before the page loads may crash a worker mid-step
  if ((window as { __orreryTestHooks?: unknown }).__orreryTestHooks === true) Object.assign(window, { __orreryTest: { crashWorker: crashWorkerForTest } });
}
