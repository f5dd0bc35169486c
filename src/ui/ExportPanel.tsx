import { useState } from 'react';
import { pictureOfScene } from '../scene/sceneState';
import { type ExportFile, exportCsv, exportJsonl, exportParquet, exportProjector } from '../state/exportActions';
import { useOrrery } from '../state/hooks';
import { saveFile } from './saveFile';

const saveExport = (file: ExportFile) => saveFile(file.name, new Blob([file.content], { type: file.type }));

function savePicture(scale: number): void {
  pictureOfScene(scale, true)?.toBlob((blob) => blob && saveFile(`orrery-view@${scale}x.png`, blob), 'image/png');
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
      <button type="button" disabled={none} onClick={() => exportProjector().forEach(saveExport)}>
        For the Embedding Projector
      </button>
      <p className="muted">
        Points: text, id, source, coordinates, cluster and metadata columns. The Projector pair (vectors.tsv, metadata.tsv) loads in projector.tensorflow.org,
        and back into Orrery.
      </p>
    </section>
  );
}
