// window.__orrery: a read-only summary for tests and scripts (a stable contract, see DESIGN.md;
// its shape is summaryTypes.ts).
import { denseScan } from '../core/retrieval/indexCache';
import { variantName } from '../core/retrieval/quantize';
import { crashWorkerForTest } from '../workers/startWorker';
import type { RetrievedHit } from '../core/retrieval/retrieve';
import { activeSpace } from './workspace/spaces';
import { languageReport } from './languageCoverage';
import type { TuningResult } from '../core/retrieval/tuning';
import { labSummary } from './labSummary';
import { sceneReport } from './sceneReport';
import { placementFor } from '../core/placement';
import { activeOf, type OrreryState } from './slices';
import type { OrrerySummary, Standing, SummaryHit } from './summaryTypes';
import { allowedHosts } from './allowedHosts';
import { columnReadings, shownByFilters } from './columnReadings';
import { tagCounts } from '../core/tags';
import { groupSizes, pointColouring } from './colouring';
import { addressCoalescing } from './addressFollow';
import { saveState } from './saving';
import { tasksInQueue } from './tasks';
import { useOrreryStore } from './store';
import { storageOf } from '../core/vectors';
import { vectorTransfers } from './vectorSync';

/** JSON has no Infinity: a chunk a retriever does not return has rank and score null. */
const jsonStanding = (s: { rank: number; score: number }): Standing => ({
  rank: Number.isFinite(s.rank) ? s.rank : null,
  score: Number.isFinite(s.score) ? s.score : null,
});

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

function filtersSummary(s: OrreryState): OrrerySummary['filters'] {
  const total = activeSpace().table.texts.length;
  const mask = shownByFilters(s.filters);
  return {
    columns: [...columnReadings().values()].map((r) => {
      const filter = s.filters.find((f) => f.column === r.name);
      return { name: r.name, kind: r.kind, selected: filter ? ('range' in filter ? filter.range : filter.values) : null };
    }),
    shown: mask ? mask.reduce((n, x) => n + x, 0) : total,
    total,
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

function tuningSummary(tuning: TuningResult | undefined): OrrerySummary['tuning'] {
  if (!tuning) return null;
  const { retriever, weights, bm25, mmr } = tuning.best.settings;
  return {
    gridSize: tuning.gridSize,
    trainQueries: tuning.trainQueries,
    heldOutQueries: tuning.heldOutQueries,
    best: { retriever, weights, bm25, mmr },
    train: { current: tuning.current.train.rr, best: tuning.best.train.rr },
    heldOut: { current: tuning.current.heldOut.rr, best: tuning.best.heldOut.rr },
    delta: tuning.delta,
  };
}

function languageSummary(s: OrreryState): OrrerySummary['language'] {
  const report = languageReport();
  return (
    report && {
      modelLanguages: s.modelSource.model.languages,
      corpusCoverage: report.corpus,
      queryCoverage: report.query,
      denseTrust: report.trust,
      warning: report.warning,
    }
  );
}

export function summary(): OrrerySummary {
  const s = useOrreryStore.getState();
  const { table, documents, dims } = activeSpace();
  const space = activeOf(s);
  const { evaluation } = space;
  const hit = (h: RetrievedHit): SummaryHit => ({
    index: h.index,
    rank: h.rank,
    score: h.score,
    source: table.sources[table.sourceIds[h.index]!] ?? '',
    text: table.texts[h.index] ?? '',
    tokens: table.tokens[h.index] ?? -1,
    foundBy: h.foundBy,
    dense: jsonStanding(h.dense),
    bm25: jsonStanding(h.bm25),
    hybrid: jsonStanding(h.hybrid),
  });
  const perSource = groupSizes(table.sourceIds);
  return structuredClone({
    phase: s.phase,
    message: s.message,
    chunkCount: s.chunkCount,
    sourceCount: s.sources.length,
    dims,
    activeSpace: s.activeSpace,
    spaces: Object.values(s.spaces).map(({ id, recipe, dims, chunkCount, version }) => ({ id, ...recipe, dims, chunks: chunkCount, version })),
    model: s.modelSource.model.id,
    modelHost: s.modelSource.remoteHost,
    dtype: s.dtype,
    backend: s.backend,
    layoutMethod: space.layoutParams.method,
    layoutDims: space.layoutParams.dims,
    layoutRunning: s.layoutProgress !== null,
    placement: placementFor(space.layoutParams),
    placedCount: space.placedCount,
    quality: space.quality,
    explainedVariance: space.explainedVariance,
    query: {
      text: s.queryText,
      k: s.retrieval.topK,
      retriever: s.retrieval.retriever,
      keywordsOnly: s.keywordsOnly,
      variant: variantName(s.variant),
      results: s.results.map(hit),
      beyond: s.beyond.map(hit),
      byRetriever: s.byRetriever,
      gold: s.gold.map((g) => ({
        index: g.index,
        dense: jsonStanding(g.dense),
        bm25: jsonStanding(g.bm25),
        hybrid: jsonStanding(g.hybrid),
        answerRank: Number.isFinite(g.answerRank) ? g.answerRank : null,
        similarity: g.similarity,
        outrankedBy: g.outrankedBy.map((o) => o.index),
      })),
      tokens: s.queryTokens,
      comparison: s.comparison && { label: s.comparison.label, indices: s.comparison.hits.map((h) => h.index) },
      history: s.history,
    },
    evaluation: evaluation && {
      name: evaluation.name,
      queries: evaluation.queries.length,
      table: evaluation.rows.map((r) => ({
        retriever: r.name,
        hit1: r.mean.hit1,
        hit3: r.mean.hit3,
        hit5: r.mean.hit5,
        hit10: r.mean.hit10,
        mrr: r.mean.rr,
        ndcg10: r.mean.ndcg10,
      })),
      notes: evaluation.notes,
      health: {
        orphans: evaluation.health.orphans.length,
        hubs: evaluation.health.hubs,
        duplicates: evaluation.health.duplicates,
        unreadablePairs: evaluation.health.unreadablePairs,
        noHit: evaluation.health.noHit,
      },
    },
    openChunk: s.openChunk,
    selected: s.openChunk,
    neighbours: s.neighbours,
    notices: s.notices.map((n) => `${n.kind}: ${n.text}`),
    sources: documents.map((d, i) => ({ name: d.name, format: d.format ?? 'text', chunks: perSource.get(i) ?? 0 })),
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
      method: space.clusterRun?.method ?? null,
      running: s.clusterProgress !== null,
      current: space.clusterSpaceVersion === space.version,
      items: space.clusters.map((c) => ({ id: c.id, size: c.size, terms: c.terms })),
      unclustered: space.unclustered,
      silhouette: space.clusterRun?.silhouette ?? null,
      modularity: space.clusterRun?.modularity ?? null,
      reducedDims: space.clusterRun?.reducedDims ?? null,
      fittedOn: space.clusterRun?.fittedOn ?? null,
      namedBy: space.clusterRun ? (space.clusterRun.namedBy ?? 'words') : null,
      parts: space.fineClusters?.clusters.length ?? 0,
      minClusterSize: space.clusterRun?.minClusterSize ?? null,
      notes: space.clusterRun?.notes ?? [],
    },
    language: languageSummary(s),
    tuning: tuningSummary(space.evaluation?.tuning),
    lab: labSummary(s),
    colour: colourSummary(s),
    filters: filtersSummary(s),
    tags: tagCounts(s.tags),
    labels: {
      depth: sceneReport.fineLabels.some((l) => l.shown) ? 1 : 0,
      shown: [...sceneReport.labels, ...sceneReport.fineLabels].filter((l) => l.shown).map((l) => l.text),
    },
    search: { text: s.searchText, matches: s.searchCount },
    selection: { label: s.selectionLabel, count: s.selection.length, indices: s.selection, onlyShown: s.onlySelection },
    tasks: tasksInQueue(),
    saves: saveState(),
    address: { coalescing: addressCoalescing() },
    camera: s.camera && { ...s.camera, orthographic: space.layoutParams.dims === 2 },
    theme: s.theme,
    helpOpen: s.helpOpen,
    share: { length: s.shareLink?.bytes ?? null, referenced: s.shareLink?.referenced ?? false, demo: s.shareLink?.demo ?? false },
    reducedFrom: activeSpace().projection?.from ?? null,
    scale: {
      rows: s.chunkCount,
      drawn: sceneReport.drawn,
      sampledLayout: space.sampledLayout,
      vectorStorage: storageOf(activeSpace().vectors),
      denseScan: denseScan(activeSpace().vectors.length * 4, activeSpace().dims),
      memoryBytes: heldBytes(),
    },
  });
}

/** Bytes held for the rows: vectors, norms and coordinates, and dense search's copy in its kernel (int8 past 128 MiB, else float32). */
function heldBytes(): number {
  const { vectors, coords, dims } = activeSpace();
  const rows = dims > 0 ? vectors.length / dims : 0;
  const kernel = denseScan(vectors.length * 4, dims) === 'int8' ? rows * (dims + 4) : rows * dims * 4;
  // the norms (4 bytes a row) are counted whether or not they were asked for yet
  return vectors.byteLength + rows * 4 + coords.byteLength + kernel;
}

export function installAutomation(): void {
  Object.defineProperty(window, '__orrery', { get: summary, configurable: true });
  // tests that set window.__orreryTestHooks before the page loads may crash a worker mid-step
  if ((window as { __orreryTestHooks?: unknown }).__orreryTestHooks === true) Object.assign(window, { __orreryTest: { crashWorker: crashWorkerForTest } });
}
