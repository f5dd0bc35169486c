import { useState } from 'react';
import { type ColumnFilter, type ColumnReading, OTHER_VALUE } from '../core/columnCharts';
import { dayText } from '../core/dates';
import { setColumnFilter } from '../state/columnFilters';

const WIDTH = 240;
const HEIGHT = 48;

/** A bar's edge as people read it: a day for dates, a rounded number otherwise. */
export function edgeText(reading: ColumnReading, x: number): string {
  if (reading.kind === 'date') return dayText(x);
  return Math.abs(x) >= 100 || Number.isInteger(x) ? String(Math.round(x)) : x.toPrecision(3);
}

/** Bars of a histogram (numbers, dates, text lengths); dragging across them filters to that range. */
function Histogram({ reading, filter, selected }: { reading: ColumnReading; filter: ColumnFilter | undefined; selected: number[] | null }) {
  const [brush, setBrush] = useState<[number, number] | null>(null);
  const { bins } = reading;
  const peak = Math.max(1, ...bins.map((b) => b.count));
  const width = WIDTH / bins.length;
  const binAt = (event: React.PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(bins.length - 1, Math.floor(((event.clientX - box.left) / box.width) * bins.length)));
  };
  const range = 'range' in (filter ?? {}) ? (filter as { range: [number, number] }).range : null;
  const inFilter = (b: number) =>
    brush ? b >= Math.min(...brush) && b <= Math.max(...brush) : range ? bins[b]!.to >= range[0] && bins[b]!.from <= range[1] : false;
  return (
    <svg
      className="column-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      aria-label={`${reading.name}: drag across the bars to keep a range`}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const b = binAt(e);
        setBrush([b, b]);
      }}
      onPointerMove={(e) => brush && setBrush([brush[0], binAt(e)])}
      onPointerUp={() => {
        if (!brush) return;
        const [a, b] = [Math.min(...brush), Math.max(...brush)];
        setBrush(null);
        void setColumnFilter(reading.name, { column: reading.name, range: [bins[a]!.from, bins[b]!.to] });
      }}
    >
      {bins.map((bin, b) => {
        const h = (bin.count / peak) * HEIGHT;
        const s = selected ? (selected[b]! / peak) * HEIGHT : 0;
        return (
          <g key={b}>
            <rect x={b * width + 0.5} y={HEIGHT - h} width={width - 1} height={h} className={inFilter(b) ? 'bar kept' : 'bar'}>
              <title>
                {edgeText(reading, bin.from)} – {edgeText(reading, bin.to)}: {bin.count}
              </title>
            </rect>
            {s > 0 && <rect x={b * width + 0.5} y={HEIGHT - s} width={width - 1} height={s} className="bar chosen" />}
          </g>
        );
      })}
    </svg>
  );
}

/** Counts of the top values and "other": clicking one keeps it (and any others clicked). */
function Counts({ reading, filter, selected }: { reading: ColumnReading; filter: ColumnFilter | undefined; selected: number[] | null }) {
  const kept = filter && 'values' in filter ? filter.values : [];
  const rows = [
    ...reading.categories.map((c) => ({ value: c.name, label: c.name, count: c.count })),
    ...(reading.other > 0 ? [{ value: OTHER_VALUE, label: 'other values', count: reading.other }] : []),
  ];
  const peak = Math.max(1, ...rows.map((r) => r.count));
  const toggle = (value: string) => {
    const values = kept.includes(value) ? kept.filter((v) => v !== value) : [...kept, value];
    void setColumnFilter(reading.name, values.length > 0 ? { column: reading.name, values } : null);
  };
  return (
    <ul className="column-counts">
      {rows.map((row, i) => {
        const inSelection = selected ? (i < reading.categories.length ? selected[i]! : selected[selected.length - 1]!) : null;
        return (
          <li key={row.value}>
            <button type="button" aria-pressed={kept.includes(row.value)} onClick={() => toggle(row.value)}>
              <span className="count-bar" style={{ width: `${(100 * row.count) / peak}%` }} />
              {inSelection !== null && <span className="count-bar chosen" style={{ width: `${(100 * inSelection) / peak}%` }} />}
              <span className="count-label">
                {row.label} <span className="muted">{inSelection !== null ? `${inSelection} of ${row.count}` : row.count}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function describe(reading: ColumnReading): string {
  const parts: string[] = [];
  if (reading.kind === 'number') parts.push('numbers');
  if (reading.kind === 'date') parts.push('dates');
  if (reading.kind === 'text') parts.push('text length');
  if (reading.kind === 'category') parts.push(`${reading.distinct} ${reading.distinct === 1 ? 'value' : 'values'}`);
  if (reading.missing > 0) parts.push(`${reading.missing} missing`);
  if (reading.unreadable > 0) parts.push(`${reading.unreadable} not a date`);
  return parts.join(' · ');
}

/** One metadata column's chart, with the selection's share drawn over the whole. */
export function ColumnChart({ reading, filter, selected }: { reading: ColumnReading; filter: ColumnFilter | undefined; selected: number[] | null }) {
  const range = filter && 'range' in filter ? filter.range : null;
  return (
    <div role="group" aria-label={reading.name} className="column">
      <div className="column-head">
        <strong>{reading.name}</strong> <span className="muted">{describe(reading)}</span>
        {filter && (
          <button type="button" className="link" aria-label={`Clear the filter on ${reading.name}`} onClick={() => void setColumnFilter(reading.name, null)}>
            ×
          </button>
        )}
      </div>
      {reading.kind === 'too-many' ? (
        <p className="muted">Too many values to chart: {reading.distinct.toLocaleString('en')} distinct.</p>
      ) : reading.kind === 'category' ? (
        <Counts reading={reading} filter={filter} selected={selected} />
      ) : (
        <>
          <Histogram reading={reading} filter={filter} selected={selected} />
          <div className="column-axis muted">
            <span>{reading.bins[0] && edgeText(reading, reading.bins[0].from)}</span>
            {range && (
              <span className="kept-range">
                kept {edgeText(reading, range[0])} – {edgeText(reading, range[1])}
              </span>
            )}
            <span>{reading.bins.at(-1) && edgeText(reading, reading.bins.at(-1)!.to)}</span>
          </div>
        </>
      )}
    </div>
  );
}
