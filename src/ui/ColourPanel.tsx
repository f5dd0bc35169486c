import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { metadataColumns } from '../core/colouring';
import { autoMinClusterSize, type ClusterMethod } from '../core/clustering/clusters';
import { cancelClusters, setClusterSettings } from '../state/clusterActions';
import { activeOf, useOrrery, useSpace } from '../state/hooks';
import { setColourMode } from '../state/viewActions';
import type { ColourMode } from '../core/colouring';

const MODES: [ColourMode, string][] = [
  ['cluster', 'cluster'],
  ['source', 'source'],
  ['recall', 'neighbour recall (red = distorted)'],
  ['retrieval', 'retrieval result'],
];

/** Colour by cluster, source, a metadata column, recall or retrieval result. */
function ColourBy() {
  const { colourMode, colourColumn } = useOrrery(useShallow((s) => ({ colourMode: s.colourMode, colourColumn: s.colourColumn })));
  const documents = useSpace((w) => w.documents);
  const columns = metadataColumns(documents);
  const value = colourMode === 'metadata' ? `column:${colourColumn}` : colourMode;
  return (
    <label className="inline">
      Colour by
      <select
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (v.startsWith('column:')) setColourMode('metadata', v.slice('column:'.length));
          else setColourMode(v as ColourMode);
        }}
      >
        {MODES.map(([mode, label]) => (
          <option key={mode} value={mode}>
            {label}
          </option>
        ))}
        {columns.map((c) => (
          <option key={c} value={`column:${c}`}>
            column “{c}”
          </option>
        ))}
      </select>
    </label>
  );
}

function ClusterSettingsForm() {
  const { settings, chunkCount, running } = useOrrery(
    useShallow((s) => ({ settings: s.clusterSettings, chunkCount: s.chunkCount, running: s.clusterProgress !== null })),
  );
  const [k, setK] = useState(settings.k === null ? '' : String(settings.k));
  const [minSize, setMinSize] = useState(settings.minClusterSize === null ? '' : String(settings.minClusterSize));
  const number = (text: string) => (text.trim() === '' || !(Number(text) >= 1) ? null : Math.round(Number(text)));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void setClusterSettings({ k: number(k), minClusterSize: number(minSize) });
      }}
    >
      <div className="row">
        <label className="inline">
          Clustering
          <select value={settings.method} onChange={(e) => void setClusterSettings({ method: e.target.value as ClusterMethod })}>
            <option value="kmeans">k-means</option>
            <option value="hdbscan">HDBSCAN (density)</option>
          </select>
        </label>
        {settings.method === 'kmeans' ? (
          <label className="inline">
            Number of clusters
            <input
              className="narrow"
              inputMode="numeric"
              placeholder="auto"
              value={k}
              onChange={(e) => setK(e.target.value)}
              title="Empty: chosen by silhouette"
            />
          </label>
        ) : (
          <label className="inline">
            Minimum cluster size
            <input
              className="narrow"
              inputMode="numeric"
              placeholder={String(autoMinClusterSize(chunkCount))}
              value={minSize}
              onChange={(e) => setMinSize(e.target.value)}
            />
          </label>
        )}
      </div>
      <div className="row">
        <button type="submit" disabled={chunkCount === 0}>
          Cluster again
        </button>
        {running && (
          <button type="button" onClick={cancelClusters}>
            Stop clustering
          </button>
        )}
      </div>
    </form>
  );
}

function ClusterSummaryLine() {
  const { clusters, unclustered, run, progress } = useOrrery(
    useShallow((s) => {
      const { clusters, unclustered, clusterRun } = activeOf(s);
      return { clusters, unclustered, run: clusterRun, progress: s.clusterProgress };
    }),
  );
  if (progress !== null) return <p className="muted">Clustering… {Math.round(progress * 100)}%</p>;
  if (!run) return null;
  const parts = [`${clusters.length} cluster${clusters.length === 1 ? '' : 's'} (${run.method === 'kmeans' ? 'k-means' : 'HDBSCAN'})`];
  if (run.silhouette !== null) parts.push(`silhouette ${run.silhouette.toFixed(2)}`);
  if (run.minClusterSize !== null) parts.push(`minimum size ${run.minClusterSize}`);
  if (unclustered > 0) parts.push(`${unclustered.toLocaleString('en')} unclustered`);
  return (
    <p className="muted" role="group" aria-label="Clusters found">
      {parts.join(' · ')}
      {run.notes.map((n) => (
        <span key={n} className="block">
          {n}
        </span>
      ))}
    </p>
  );
}

export function ColourPanel() {
  return (
    <section className="panel" aria-labelledby="colour-heading">
      <h2 id="colour-heading">Colour and clusters</h2>
      <ColourBy />
      <ClusterSettingsForm />
      <ClusterSummaryLine />
    </section>
  );
}
