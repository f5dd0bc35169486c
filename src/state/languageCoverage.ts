// What the dense model can read of the corpus on screen and of the query (core/languageCoverage.ts),
// for retrieval's hybrid weights, the warning where scores are shown, and window.__orrery.
import {
  coverageReport,
  type CoverageReport,
  type DenseReading,
  modelScripts,
  READABLE_ENOUGH,
  readableShare,
  scriptCounts,
  type ScriptCounts,
} from '../core/languageCoverage';
import type { ModelEntry } from '../core/models';
import { useOrreryStore as store } from './store';
import { activeSpace } from './workspace/spaces';

let counted: { key: string; counts: ScriptCounts } | null = null;

/** The corpus's script counts, counted once per space version. */
function corpusScripts(): ScriptCounts {
  const space = activeSpace();
  const key = `${space.id} ${space.version}`;
  if (counted?.key !== key) counted = { key, counts: scriptCounts(space.table.texts) };
  return counted.counts;
}

/** The model whose vectors are on screen; null for imported vectors (what made them is not known). */
function vectorModel(): ModelEntry | null {
  const { modelSource, importedCount } = store.getState();
  return importedCount > 0 ? null : modelSource.model;
}

/** What a retrieval request carries so that hybrid leans on BM25 where the model cannot read. */
export function denseReading(): DenseReading | undefined {
  const model = vectorModel();
  if (!model) return undefined;
  const reads = modelScripts(model.languages);
  return { reads: reads && [...reads], corpus: readableShare(corpusScripts(), reads) };
}

/** The coverage of the corpus and the current query; null with no corpus or imported vectors. */
export function languageReport(): CoverageReport | null {
  const model = vectorModel();
  if (!model || activeSpace().table.texts.length === 0) return null;
  return coverageReport(model, corpusScripts(), store.getState().queryText || null);
}

/**
 * Near-duplicate pairs the model can tell apart from ones it cannot read: two different texts in a
 * script the model does not read get the same vector without being duplicates.
 */
export function splitUnreadablePairs(
  pairs: [number, number, number][],
  texts: readonly string[],
): { duplicates: [number, number, number][]; unreadable: number } {
  const reading = denseReading();
  const reads = reading?.reads ? new Set(reading.reads) : null;
  const blind = (i: number) => reads !== null && readableShare(scriptCounts([texts[i]!]), reads) < READABLE_ENOUGH;
  const duplicates = pairs.filter(([a, b]) => texts[a] === texts[b] || !(blind(a) && blind(b)));
  return { duplicates, unreadable: pairs.length - duplicates.length };
}

/** The active space's coverage as the panels show it, following the query, corpus and model. */
export function useLanguageReport(): CoverageReport | null {
  store((s) => s.queryText);
  store((s) => s.corpusVersion);
  store((s) => s.modelSource);
  store((s) => s.importedCount);
  store((s) => s.activeSpace);
  return languageReport();
}
