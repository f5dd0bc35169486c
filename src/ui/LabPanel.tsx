import { useState } from 'react';
import { MODEL_CATALOGUE, type ModelEntry } from '../core/models';
import { type Pooling, TOKEN_POOLINGS } from '../core/pooling';
import { useShallow } from 'zustand/react/shallow';
import { addLabSpace, closeLabSpace, describeDifference, setLabOverlay, setLabSideBySide } from '../state/labActions';
import type { LabComparison, SpaceDifference } from '../state/labSlice';
import { isBusy, readSpace, useOrrery, useSpace } from '../state/hooks';
import { setOpenChunk } from '../state/queryActions';
import { LabQueries } from './LabQueries';
import { useLabAlignment } from '../state/labAlignment';

/** The differences a second space can have from the one on screen: another model the app serves, the model's other precisions and poolings, and shorter cuts of its vectors. */
function differences(model: ModelEntry, pooling: Pooling, dtype: string | null, dims: number, imported: boolean): SpaceDifference[] {
  // chunks that came with their own vectors can only be cut
  const remade = (list: SpaceDifference[]) => (imported ? [] : list);
  const models = remade(MODEL_CATALOGUE.filter((m) => m.builtIn && m.id !== model.id).map((m) => ({ kind: 'model', model: m.id })));
  const precisions = remade(model.dtypes.filter((d) => d !== dtype && d !== 'q4').map((precision) => ({ kind: 'precision', precision })));
  // only a model with token outputs can be pooled another way
  const poolings = remade(model.pooling === 'model' ? [] : TOKEN_POOLINGS.filter((p) => p !== pooling).map((p) => ({ kind: 'pooling', pooling: p })));
  const cuts = (model.matryoshka ?? [Math.floor(dims / 2), Math.floor(dims / 4)]).filter((d) => d >= 8 && d < dims);
  return [...models, ...precisions, ...poolings, ...cuts.map((cut): SpaceDifference => ({ kind: 'dims', dims: cut }))];
}

const keyOf = (d: SpaceDifference) =>
  d.kind === 'model'
    ? `model:${d.model}`
    : d.kind === 'precision'
      ? `precision:${d.precision}`
      : d.kind === 'pooling'
        ? `pooling:${d.pooling}`
        : `dims:${d.dims}`;
const snippet = (text: string, length = 70) => (text.length > length ? `${text.slice(0, length)}…` : text);

/** Add a second space of the corpus and compare it with the one on screen. */
export function LabPanel() {
  const { model, pooling, dtype, lab, busy, chunks } = useOrrery(
    useShallow((s) => ({
      model: s.modelSource.model,
      pooling: s.modelSource.pooling ?? s.modelSource.model.pooling,
      dtype: s.dtype,
      lab: s.lab,
      busy: isBusy(s.phase),
      chunks: s.chunkCount,
    })),
  );
  const dims = useSpace((w) => w.dims);
  const imported = useOrrery((s) => s.importedCount > 0);
  const options = differences(model, pooling, dtype, dims, imported);
  const [choice, setChoice] = useState('');
  const picked = options.find((o) => keyOf(o) === choice) ?? options[0];
  return (
    <section className="panel" aria-label="Model lab">
      <p className="muted">A second space of the same chunks, laid out and clustered like the first, compared chunk by chunk and query by query.</p>
      <div className="row">
        <label className="inline">
          What space B changes
          <select value={picked ? keyOf(picked) : ''} onChange={(e) => setChoice(e.target.value)} disabled={options.length === 0}>
            {options.map((o) => (
              <option key={keyOf(o)} value={keyOf(o)}>
                {describeDifference(o)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || chunks < 2 || !picked} onClick={() => picked && void addLabSpace(picked)}>
          Add space B
        </button>
      </div>
      {lab && <LabComparisonView lab={lab} />}
    </section>
  );
}

function LabComparisonView({ lab }: { lab: LabComparison }) {
  const overlay = useOrrery((s) => s.labOverlay);
  const sideBySide = useOrrery((s) => s.labSideBySide);
  const alignment = useLabAlignment();
  const texts = useSpace((w) => w.table.texts);
  return (
    <>
      <p>
        A: {lab.labels.a}
        <br />
        B: {lab.labels.b}
      </p>
      <p aria-label="Neighbour overlap">
        Neighbour overlap: chunks keep <strong>{Math.round(100 * lab.meanOverlap)}%</strong> of their {lab.k} nearest neighbours (mean Jaccard{' '}
        {lab.meanOverlap.toFixed(2)}, full dimensions). B's picture over A's: residual {alignment ? alignment.residual.toFixed(2) : '—'}.
      </p>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={overlay} onChange={(e) => setLabOverlay(e.target.checked)} />
          Overlay space B
        </label>
        <label className="inline">
          <input type="checkbox" checked={sideBySide} onChange={(e) => setLabSideBySide(e.target.checked)} />
          Side by side
        </label>
        <button type="button" onClick={() => void closeLabSpace()}>
          Close space B
        </button>
      </div>
      <h3>Changed the most</h3>
      <ol aria-label="Changed the most" className="lab-list">
        {lab.changedMost.slice(0, 10).map((row) => (
          <li key={row}>
            <button type="button" className="link" onClick={() => setOpenChunk(row)}>
              {lab.overlap[row]!.toFixed(2)} — {snippet(texts[row] ?? '')}
            </button>
          </li>
        ))}
      </ol>
      <OpenChunkNeighbours lab={lab} />
      <LabQueries lab={lab} />
    </>
  );
}

/** The open chunk's neighbours in both spaces, those in both marked. */
function OpenChunkNeighbours({ lab }: { lab: LabComparison }) {
  const open = useOrrery((s) => s.openChunk);
  if (open === null || open * lab.k >= lab.neighboursA.length) return null;
  const { texts } = readSpace().table;
  const inA = Array.from(lab.neighboursA.subarray(open * lab.k, (open + 1) * lab.k));
  const inB = Array.from(lab.neighboursB.subarray(open * lab.k, (open + 1) * lab.k));
  const list = (name: string, rows: number[], other: number[]) => (
    <div>
      <h4>In {name}</h4>
      <ol aria-label={`Neighbours in ${name}`} className="lab-list">
        {rows.map((row) => (
          <li key={row} className={other.includes(row) ? 'shared' : undefined}>
            {other.includes(row) ? '● ' : '○ '}
            {snippet(texts[row] ?? '', 48)}
          </li>
        ))}
      </ol>
    </div>
  );
  return (
    <div aria-label="Open chunk in both spaces">
      <h3>Open chunk's neighbours (● in both, Jaccard {lab.overlap[open]!.toFixed(2)})</h3>
      <div className="two-columns">
        {list('A', inA, inB)}
        {list('B', inB, inA)}
      </div>
    </div>
  );
}
