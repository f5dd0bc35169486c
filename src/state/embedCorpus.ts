// A chunk table's vectors: imported rows from their files, the other rows embedded by the model
// (through the caches), all of one dimension; and what to tell the user about chunks the model
// cuts short.
import type { ChunkTable, SourceDocument } from '../core/corpus';
import { importedRow } from '../core/corpus';
import { rowsOfOneDocument } from '../core/documentVectors';
import type { ModelSource } from '../core/models';
import { assertSameSpace, storageFor } from '../core/vectors';
import { embed, type Embedded, SPEED_TEST_MIN_TEXTS, tuned } from './embedding';
import { useOrreryStore } from './store';
import { type Corpus, type Made, newVectors } from './workspace/commit';

const store = useOrreryStore;

/** Vectors a workspace may hold: beyond this a browser tab runs out of memory. */
const MAX_VECTOR_BYTES = 2 ** 30;

/** A corpus ready to commit, and how its vectors were made. */
export interface Embedding {
  corpus: Corpus;
  made: Made;
  truncated: number;
}

/**
 * The vectors of a chunk table: imported rows from their files, the other rows embedded by the
 * model (through the caches). Both must share one dimension.
 */
export async function embedCorpus(
  documents: SourceDocument[],
  chunked: ChunkTable,
  signal: AbortSignal,
  source: ModelSource = store.getState().modelSource,
): Promise<Embedding> {
  const count = chunked.texts.length;
  const textRows: number[] = [];
  for (let i = 0; i < count; i++) if (!chunked.imported[i]) textRows.push(i);
  const importers = documents.filter((d) => d.vectors);
  const first = importers[0];
  const importedDims = first?.vectors?.dims ?? 0;
  for (const other of importers) {
    assertSameSpace(
      { subject: `${other.name} holds`, dims: other.vectors!.dims },
      { subject: `${first!.name} holds`, dims: importedDims },
      'Add vectors of one size at a time.',
    );
  }
  const numbers = count * (importedDims || source.model.dims || 1024);
  const bytes = numbers * (storageFor(numbers) === 'float16' ? 2 : 4);
  if (bytes > MAX_VECTOR_BYTES) {
    throw new Error(
      `${documents.map((d) => d.name).join(', ')}: ${count.toLocaleString('en')} chunks would need ${(bytes / 1e9).toFixed(1)} GB of vectors, more than this page can hold (${MAX_VECTOR_BYTES / 2 ** 30} GiB). Use a larger chunk size, or add the files in parts.`,
    );
  }
  let embedded: Embedded | null = null;
  if (textRows.length > 0) {
    if (textRows.length >= SPEED_TEST_MIN_TEXTS) source = await tuned(source, signal);
    store.getState().setStatus('embedding', `Embedding 0 / ${textRows.length}`, { done: 0, total: textRows.length });
    embedded = await embed(
      textRows.map((i) => chunked.texts[i]!),
      'passage',
      signal,
      source,
    );
    if (first) {
      assertSameSpace(
        { subject: `${source.model.label} makes`, dims: embedded.dims },
        { subject: `${first.name} holds`, dims: importedDims },
        `Clear the workspace to look at the imported vectors on their own, or pick a ${importedDims}-d model.`,
      );
    }
  }
  const dims = embedded?.dims ?? importedDims;
  // a file of vectors alone is used as it came (shared memory from the reader): a big one is not held twice
  const asTheyCame = embedded ? null : rowsOfOneDocument(documents, chunked, dims);
  const vectors =
    asTheyCame ??
    newVectors(
      count * dims,
      importers.map((d) => d.vectors!.data),
    );
  const tokens = new Int32Array(count).fill(-1);
  textRows.forEach((row, k) => {
    vectors.set(embedded!.vectors.subarray(k * dims, (k + 1) * dims), row * dims);
    tokens[row] = embedded!.tokens[k] ?? -1;
  });
  for (let i = 0; i < count && !asTheyCame; i++) {
    if (chunked.imported[i]) vectors.set(importedRow(documents[chunked.sourceIds[i]!]!, chunked.sectionIds[i]!), i * dims);
  }
  const engine = embedded ? { backend: embedded.backend, dtype: embedded.dtype } : null;
  return {
    corpus: { documents, table: { ...chunked, tokens }, vectors, dims },
    made: { engine, computed: embedded?.computed ?? 0 },
    truncated: embedded?.truncated ?? 0,
  };
}

export function noteTruncated(truncated: number, what: string): void {
  const { model } = store.getState().modelSource;
  if (truncated > 0)
    store
      .getState()
      .notify(
        'info',
        `${truncated} of ${what} are longer than ${model.label}'s ${model.maxTokens}-token input: the model reads only their start. They are marked in Sources.`,
      );
}
