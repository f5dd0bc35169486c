// window.__orrery: a read-only summary for tests and scripts (a stable contract, see DESIGN.md).
import { workspace } from './data';
import { useOrreryStore } from './store';
import { vectorTransfers } from './vectorSync';

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
  /** corpus vectors sent to the layout and quality workers: once per version and worker; bytes copied are 0 when the page shares memory */
  vectorTransfers: { sends: number; bytesCopied: number };
}

export function summary(): OrrerySummary {
  const s = useOrreryStore.getState();
  const { table } = workspace;
  const perSource = new Array<number>(workspace.documents.length).fill(0);
  for (const id of table.sourceIds) perSource[id]!++;
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
    sources: workspace.documents.map((d, i) => ({ name: d.name, format: d.format ?? 'text', chunks: perSource[i] ?? 0 })),
    chunking: { strategy: s.chunking.strategy, size: s.chunking.size, overlap: s.chunking.overlap },
    embeddedCount: s.embeddedCount,
    importedCount: s.importedCount,
    overLimit: table.tokens.filter((t) => t > s.modelSource.model.maxTokens).length,
    restored: s.restored,
    corpusVersion: s.corpusVersion,
    vectorTransfers,
  });
}

export function installAutomation(): void {
  Object.defineProperty(window, '__orrery', { get: summary, configurable: true });
}
