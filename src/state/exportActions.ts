// The workspace's points as files (see core/exports.ts); the panel downloads what these return.
import { activeOf } from './slices';
import { pointsCsv, pointsJsonl, pointsParquet, pointTable, projectorFiles } from '../core/exports';
import { activeSpace } from './workspace/spaces';
import { useOrreryStore } from './store';

export interface ExportFile {
  name: string;
  type: string;
  content: string | Uint8Array<ArrayBuffer>;
}

function points() {
  const { clusters } = activeOf(useOrreryStore.getState());
  return pointTable({ ...activeSpace(), clusterNames: clusters.map((c) => c.terms.join(' · ')) });
}

const vectors = () => ({ data: activeSpace().vectors, dims: activeSpace().dims });

export const exportCsv = (withVectors: boolean): ExportFile => ({
  name: 'orrery-points.csv',
  type: 'text/csv',
  content: pointsCsv(points(), withVectors ? vectors() : undefined),
});

export const exportJsonl = (withVectors: boolean): ExportFile => ({
  name: 'orrery-points.jsonl',
  type: 'application/x-ndjson',
  content: pointsJsonl(points(), withVectors ? vectors() : undefined),
});

export const exportParquet = (withVectors: boolean): ExportFile => ({
  name: 'orrery-points.parquet',
  type: 'application/vnd.apache.parquet',
  content: pointsParquet(points(), withVectors ? vectors() : undefined) as Uint8Array<ArrayBuffer>,
});

/** The Embedding Projector's two files (load them there with "Load", or drop them back into Orrery). */
export function exportProjector(): ExportFile[] {
  const { vectorsTsv, metadataTsv } = projectorFiles(points(), vectors());
  return [
    { name: 'vectors.tsv', type: 'text/tab-separated-values', content: vectorsTsv },
    { name: 'metadata.tsv', type: 'text/tab-separated-values', content: metadataTsv },
  ];
}
