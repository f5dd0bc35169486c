import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countsOf } from '../core/columnCharts';
import { clearFilters } from '../state/columnFilters';
import { columnReadings, shownByFilters } from '../state/columnReadings';
import { useOrrery, useSpace } from '../state/hooks';
import { ColumnChart } from './ColumnChart';

/** Every metadata column as a small chart that filters the scene and retrieval; a selection is drawn over each. */
export function ColumnsPanel() {
  const { documents, table } = useSpace(useShallow((w) => ({ documents: w.documents, table: w.table })));
  const { filters, selection, tags } = useOrrery(useShallow((s) => ({ filters: s.filters, selection: s.selection, tags: s.tags })));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- read again when the corpus changes
  const readings = useMemo(() => [...columnReadings().values()], [documents, table, tags]);
  const total = table.texts.length;
  // cached per corpus and filters
  const mask = shownByFilters(filters);
  const shown = mask ? mask.reduce((n, x) => n + x, 0) : total;
  return (
    <section className="panel" role="region" aria-label="Columns">
      <h2>Columns</h2>
      {readings.length === 0 ? (
        <p className="muted">No metadata columns: a CSV, JSON or Parquet file with fields beside the text gets a chart for each.</p>
      ) : (
        <>
          <p>
            Showing {shown.toLocaleString('en')} of {total.toLocaleString('en')} chunks
            {mask && ' (queries rank only these)'}{' '}
            <button type="button" disabled={filters.length === 0} onClick={() => void clearFilters()}>
              Clear filters
            </button>
          </p>
          {selection.length > 0 && <p className="muted">Bars in the accent colour: the {selection.length} selected chunks.</p>}
          {readings.map((reading) => (
            <ColumnChart
              key={reading.name}
              reading={reading}
              filter={filters.find((f) => f.column === reading.name)}
              selected={selection.length > 0 ? countsOf(reading, selection) : null}
            />
          ))}
        </>
      )}
    </section>
  );
}
