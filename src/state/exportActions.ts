// The workspace's points as files (see core/exports.ts); the panel downloads what these return.
// Every format can hold all chunks, the corpus without the tagged ones (cleaned), or only those.
import { activeOf } from './slices';
import { pointsCsv, pointsJsonl, pointsParquet, pointTable, projectorFiles, someRows } from '../core/exports';
import { rowsByTags, tagsOfRows } from '../core/tags';
import { activeSpace } from './workspace/spaces';
import { useOrreryStore } from './store';

export interface ExportFile {
  name: string;
  type: string;
  content: string | Uint8Array<ArrayBuffer>;
}

/** which chunks a file holds */
export type ExportRows = 'all' | 'untagged' | 'tagged';

function exported(which: ExportRows) {
  const { clusters } = activeOf(useOrreryStore.getState());
  const { tags } = useOrreryStore.getState();
  const space = activeSpace();
  const count = space.table.texts.length;
  const points = pointTable({ ...space, clusterNames: clusters.map((c) => c.terms.join(' · ')), tags: tagsOfRows(tags, count) });
  const vectors = { data: space.vectors, dims: space.dims };
  return which === 'all' ? { points, vectors } : someRows(points, vectors, rowsByTags(tags, count, which));
}

const suffix = (which: ExportRows) => (which === 'all' ? '' : which === 'untagged' ? '-without-tagged' : '-tagged');

export function exportCsv(withVectors: boolean, which: ExportRows = 'all'): ExportFile {
  const { points, vectors } = exported(which);
  return { name: `orrery-points${suffix(which)}.csv`, type: 'text/csv', content: pointsCsv(points, withVectors ? vectors : undefined) };
}

export function exportJsonl(withVectors: boolean, which: ExportRows = 'all'): ExportFile {
  const { points, vectors } = exported(which);
  return { name: `orrery-points${suffix(which)}.jsonl`, type: 'application/x-ndjson', content: pointsJsonl(points, withVectors ? vectors : undefined) };
}

export function exportParquet(withVectors: boolean, which: ExportRows = 'all'): ExportFile {
  const { points, vectors } = exported(which);
  return {
    name: `orrery-points${suffix(which)}.parquet`,
    type: 'application/vnd.apache.parquet',
    content: pointsParquet(points, withVectors ? vectors : undefined) as Uint8Array<ArrayBuffer>,
  };
}

/** The Embedding Projector's two files (load them there with "Load", or drop them back into Orrery). */
export function exportProjector(which: ExportRows = 'all'): ExportFile[] {
  const { points, vectors } = exported(which);
  const { vectorsTsv, metadataTsv } = projectorFiles(points, vectors);
  return [
    { name: 'vectors.tsv', type: 'text/tab-separated-values', content: vectorsTsv },
    { name: 'metadata.tsv', type: 'text/tab-separated-values', content: metadataTsv },
  ];
}
