// Corpora for state tests that need no model: tables whose rows come with their vectors.
import type { SourceDocument } from '../../core/corpus';
import { tableDocument } from '../../core/ingest/records';
import { gaussianClusters } from '../../core/syntheticData';

export const DIMS = 12;

/** A table of labelled rows ("name row i") with imported vectors in three clusters. */
export function vectorDocument(name: string, rows: number, seed: number, dims = DIMS): SourceDocument {
  const { data } = gaussianClusters(3, Math.ceil(rows / 3), dims, seed);
  const table = {
    fields: ['label'],
    rows: Array.from({ length: rows }, (_, i) => [`${name} row ${i}`]),
    lines: Array.from({ length: rows }, (_, i) => i + 1),
    textField: 'label',
  };
  return tableDocument(`${name}.tsv`, 'tsv', table, { data: data.slice(0, rows * dims), dims });
}

/** Waits (a few seconds at most) for a condition of the state, failing with what it waited for. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000 && !condition(); i++) await new Promise((r) => setTimeout(r, 2));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}
