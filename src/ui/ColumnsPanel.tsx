import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type ColumnReading, countsOf } from '../core/columnCharts';
import { clearFilters } from '../state/columnFilters';
import { columnReadings, shownByFilters } from '../state/columnReadings';
import { useOrrery, useSpace } from '../state/hooks';
import { ColumnChart } from './ColumnChart';

/** past this many rows the columns are read after the frame that shows them: not in the way of the first picture */
const READ_LATER_FROM = 50_000;

/** The corpus's column readings (each a function of its documents, table and tags): at once for a small corpus, after the next frame for a big one (null meanwhile). */
function useColumnReadings(rows: number, documents: unknown, table: unknown, tags: unknown): ColumnReading[] | null {
  const [read, setRead] = useState<{ corpus: unknown[]; readings: ColumnReading[] } | null>(null);
  const now = rows < READ_LATER_FROM;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- read again when the corpus changes
  const immediate = useMemo(() => (now ? [...columnReadings().values()] : null), [now, documents, table, tags]);
  useEffect(() => {
    if (now) return;
    let timer = 0;
    const readings = () => setRead({ corpus: [documents, table, tags], readings: [...columnReadings().values()] });
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(readings)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [now, documents, table, tags]);
  const corpus = [documents, table, tags];
  const current = read !== null && read.corpus.every((part, i) => part === corpus[i]) ? read.readings : null;
  return immediate ?? current;
}

/** Every metadata column as a small chart that filters the scene and retrieval; a selection is drawn over each. */
export function ColumnsPanel() {
  const { documents, table } = useSpace(useShallow((w) => ({ documents: w.documents, table: w.table })));
  const { filters, selection, tags } = useOrrery(useShallow((s) => ({ filters: s.filters, selection: s.selection, tags: s.tags })));
  const total = table.texts.length;
  const readings = useColumnReadings(total, documents, table, tags);
  // cached per corpus and filters
  const mask = shownByFilters(filters);
  const shown = mask ? mask.reduce((n, x) => n + x, 0) : total;
  return (
    <section className="panel" role="region" aria-label="Columns">
      <h2>Columns</h2>
      {readings === null ? (
        <p className="muted">Reading the columns of {total.toLocaleString('en')} chunks…</p>
      ) : readings.length === 0 ? (
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
