// window.__orrery: a read-only summary for tests and scripts (a stable contract, see DESIGN.md).
import { workspace } from './data';
import { useOrreryStore } from './store';

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
  query: { text: string; k: number; results: { index: number; rank: number; score: number; source: string; text: string }[] };
  selected: number | null;
  neighbours: { index: number; rank: number; score: number }[];
  notices: string[];
}

export function summary(): OrrerySummary {
  const s = useOrreryStore.getState();
  const { table } = workspace;
  return structuredClone({
    phase: s.phase,
    message: s.message,
    chunkCount: s.chunkCount,
    sourceCount: s.sources.length,
    dims: s.dims,
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
      k: s.topK,
      results: s.results.map((h) => ({ ...h, source: table.sources[table.sourceIds[h.index]!] ?? '', text: table.texts[h.index] ?? '' })),
    },
    selected: s.selected,
    neighbours: s.neighbours,
    notices: s.notices.map((n) => `${n.kind}: ${n.text}`),
  });
}

export function installAutomation(): void {
  Object.defineProperty(window, '__orrery', { get: summary, configurable: true });
}
