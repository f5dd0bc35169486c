import { useState } from 'react';
import { pictureOfScene } from '../scene/sceneState';
import { type ExportFile, exportCsv, exportJsonl, exportParquet, exportProjector, type ExportRows } from '../state/exportActions';
import { useOrrery } from '../state/hooks';
import { saveFile } from './saveFile';

const saveExport = (file: ExportFile) => saveFile(file.name, new Blob([file.content], { type: file.type }));

function savePicture(scale: number): void {
  pictureOfScene(scale, true)?.toBlob((blob) => blob && saveFile(`orrery-view@${scale}x.png`, blob), 'image/png');
}

const FORMATS = {
  csv: ['CSV', exportCsv],
  jsonl: ['JSON Lines', exportJsonl],
  parquet: ['Parquet', exportParquet],
} as const;

/** A cleaned corpus (without the tagged chunks) or only the tagged ones, in a format chosen here. */
function TaggedExport({ withVectors }: { withVectors: boolean }) {
  const tagged = useOrrery((s) => Object.values(s.tags).reduce((n, rows) => n + rows.length, 0));
  const [format, setFormat] = useState<keyof typeof FORMATS>('csv');
  if (tagged === 0) return null;
  const save = (which: ExportRows) => saveExport(FORMATS[format][1](withVectors, which));
  return (
    <div className="row">
      <label className="inline">
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as keyof typeof FORMATS)}>
          {Object.entries(FORMATS).map(([key, [label]]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => save('untagged')}>
        Export without tagged chunks
      </button>
      <button type="button" onClick={() => save('tagged')}>
        Export only tagged chunks
      </button>
    </div>
  );
}

/** Pictures of the view and the points as files. */
export function ExportPanel() {
  const chunkCount = useOrrery((s) => s.chunkCount);
  const [withVectors, setWithVectors] = useState(false);
  const none = chunkCount === 0;
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <div className="row">
        <button type="button" disabled={none} onClick={() => savePicture(1)}>
          Picture (1×)
        </button>
        <button type="button" disabled={none} onClick={() => savePicture(2)}>
          Picture (2×)
        </button>
      </div>
      <div className="row">
        <button type="button" disabled={none} onClick={() => saveExport(exportCsv(withVectors))}>
          Points as CSV
        </button>
        <button type="button" disabled={none} onClick={() => saveExport(exportJsonl(withVectors))}>
          Points as JSON Lines
        </button>
        <button type="button" disabled={none} onClick={() => saveExport(exportParquet(withVectors))}>
          Points as Parquet
        </button>
      </div>
      <label className="inline check">
        <input type="checkbox" checked={withVectors} onChange={(e) => setWithVectors(e.target.checked)} />
        with their vectors
      </label>
      <TaggedExport withVectors={withVectors} />
      <button type="button" disabled={none} onClick={() => exportProjector().forEach(saveExport)}>
        For the Embedding Projector
      </button>
      <p className="muted">
        Points: text, id, source, coordinates, cluster, tags and metadata columns. The Projector pair (vectors.tsv, metadata.tsv) loads in
        projector.tensorflow.org, and back into Orrery.
      </p>
    </section>
  );
}
