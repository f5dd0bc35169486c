// The metadata columns as the Columns panel reads them: each column read once per corpus, and the
// rows that pass every filter (the scene hides the rest, retrieval ranks only them).
import { type ColumnFilter, type ColumnReading, filterMask, readColumn, readTags } from '../core/columnCharts';
import { TAGS_COLUMN, type Tags, tagsOfRows } from '../core/tags';
import { columnValues, metadataColumns } from '../core/colouring';
import { useOrreryStore } from './store';
import { activeSpace } from './workspace/spaces';

const store = useOrreryStore;

let readCache: { documents: unknown; table: unknown; tags: Tags; readings: Map<string, ColumnReading> } | null = null;

/** Every metadata column of the active space's corpus read for its chart, then the user's tags once there are any (cached per corpus and tags). */
export function columnReadings(): Map<string, ColumnReading> {
  const { documents, table } = activeSpace();
  const { tags } = store.getState();
  if (readCache?.documents !== documents || readCache.table !== table) {
    const readings = new Map(metadataColumns(documents).map((column) => [column, readColumn(column, columnValues(documents, table, column))]));
    readCache = { documents, table, tags: {}, readings };
  }
  if (readCache.tags !== tags) {
    const readings = new Map([...readCache.readings].filter(([name]) => name !== TAGS_COLUMN));
    if (Object.keys(tags).length > 0) readings.set(TAGS_COLUMN, readTags(TAGS_COLUMN, tagsOfRows(tags, table.texts.length)));
    readCache = { ...readCache, tags, readings };
  }
  return readCache.readings;
}

let maskCache: { readings: unknown; filters: unknown; mask: Uint8Array | null } | null = null;

/** The rows that pass every filter (1), or null when no filter applies to this corpus. */
export function shownByFilters(filters: readonly ColumnFilter[] = store.getState().filters): Uint8Array | null {
  // no filter: the columns are not read (a second at a million rows) until their panel opens
  if (filters.length === 0) return null;
  const readings = columnReadings();
  if (maskCache?.readings !== readings || maskCache.filters !== filters)
    maskCache = { readings, filters, mask: filterMask(readings, filters, activeSpace().table.texts.length) };
  return maskCache.mask;
}
