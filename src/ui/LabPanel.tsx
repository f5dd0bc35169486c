import { useState } from 'react';
import { closeLabSpace, setLabView } from '../state/labActions';
import type { LabComparison, LabView } from '../state/labSlice';
import { readSpace, useOrrery, useSpace } from '../state/hooks';
import { setOpenChunk } from '../state/queryActions';
import { LabPairs } from './LabPairs';
import { LabQueries } from './LabQueries';
import { LabRecipeForm } from './LabRecipeForm';
import { useLabAlignment } from '../state/labAlignment';
import { type HalfPrecision, KEEPS_RANKS } from '../core/lab/halfPrecision';

const snippet = (text: string, length = 70) => (text.length > length ? `${text.slice(0, length)}…` : text);

/** Add a second space of the corpus and compare it with the one on screen. */
export function LabPanel() {
  const lab = useOrrery((s) => s.lab);
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-label="Model lab">
      <p className="muted">A second space of the same chunks, laid out and clustered like the first, compared chunk by chunk and query by query.</p>
      <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
        Add a space
      </button>
      {adding && <LabRecipeForm />}
      {lab && <LabComparisonView lab={lab} />}
    </section>
  );
}

/** How B's vectors are held: float16 where that keeps their ranks, and what it keeps. */
function HeldAs({ lab, half }: { lab: LabComparison; half: HalfPrecision }) {
  const bytes = readSpace(lab.space).vectors.byteLength;
  const float16 = half.keeps >= KEEPS_RANKS;
  return (
    <p className="muted" aria-label="Space B memory">
      B's vectors are held as {float16 ? 'float16' : 'float32'} ({(bytes / 2 ** 20).toFixed(1)} MiB): float16 keeps {(100 * half.keeps).toFixed(1)}% of each top
      10 ({half.queries} chunks among {half.among.toLocaleString('en')}){float16 ? '' : `, under the ${100 * KEEPS_RANKS}% it needs`}.
    </p>
  );
}

const VIEWS: { view: LabView; name: string }[] = [
  { view: 'a', name: 'A only' },
  { view: 'overlay', name: 'Overlay (B aligned onto A)' },
  { view: 'side-by-side', name: 'Side by side' },
];

function LabComparisonView({ lab }: { lab: LabComparison }) {
  const view = useOrrery((s) => s.labView);
  const alignment = useLabAlignment();
  const texts = useSpace((w) => w.table.texts);
  return (
    <>
      <p>
        A: {lab.labels.a}
        <br />
        B: {lab.labels.b}
      </p>
      {lab.half && <HeldAs lab={lab} half={lab.half} />}
      <p aria-label="Neighbour overlap">
        Neighbour overlap: chunks keep <strong>{Math.round(100 * lab.meanOverlap)}%</strong> of their {lab.k} nearest neighbours (mean Jaccard{' '}
        {lab.meanOverlap.toFixed(2)}, full dimensions{lab.exactNeighbours ? '' : '; neighbours approximated by NN-descent'}). B's picture aligned onto A's
        (Procrustes): RMSD {alignment ? alignment.residual.toFixed(2) : '—'} of A's spread.
      </p>
      <div className="row">
        <label className="inline">
          Lab view
          <select value={view} onChange={(e) => setLabView(e.target.value as LabView)}>
            {VIEWS.map((v) => (
              <option key={v.view} value={v.view}>
                {v.name}
              </option>
            ))}
          </select>
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
      <LabPairs pairs={lab.pairs} />
    </>
  );
}

/** The open chunk's neighbours in both spaces, those in both marked (another chunking's: read as the chunks of A they match). */
function OpenChunkNeighbours({ lab }: { lab: LabComparison }) {
  const open = useOrrery((s) => s.openChunk);
  if (open === null || open * lab.k >= lab.neighboursA.length) return null;
  const inB = lab.match ? lab.match.rowOfAInB[open]! : open;
  if (inB < 0) return null;
  const textsA = readSpace().table.texts;
  const textsB = readSpace(lab.space).table.texts;
  const asA = (row: number) => (lab.match ? lab.match.rowOfBInA[row]! : row);
  const listA = Array.from(lab.neighboursA.subarray(open * lab.k, (open + 1) * lab.k));
  const listB = Array.from(lab.neighboursB.subarray(inB * lab.k, (inB + 1) * lab.k));
  const sharedA = new Set(listB.map(asA));
  const list = (name: string, rows: number[], texts: string[], shared: (row: number) => boolean) => (
    <div>
      <h4>In {name}</h4>
      <ol aria-label={`Neighbours in ${name}`} className="lab-list">
        {rows.map((row) => (
          <li key={row} className={shared(row) ? 'shared' : undefined}>
            {shared(row) ? '● ' : '○ '}
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
        {list('A', listA, textsA, (row) => sharedA.has(row))}
        {list('B', listB, textsB, (row) => listA.includes(asA(row)))}
      </div>
    </div>
  );
}
