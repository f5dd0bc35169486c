// How the corpus is clustered: reduced by UMAP first (the default) or not, k-means or HDBSCAN, the
// number of clusters or the smallest cluster, and what becomes of HDBSCAN's noise; fewer or more
// clusters in one click. Each change clusters the active space again and names the clusters anew.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { autoMinClusterSize, type ClusterMethod, DEFAULT_CLUSTERING } from '../core/clustering/clusters';
import { cancelClusters, setClusterSettings } from '../state/clusterActions';
import { activeOf, useOrrery } from '../state/hooks';

export function ClusterSettingsForm() {
  const { settings, chunkCount, running, found } = useOrrery(
    useShallow((s) => ({ settings: s.clusterSettings, chunkCount: s.chunkCount, running: s.clusterProgress !== null, found: activeOf(s).clusters.length })),
  );
  const [k, setK] = useState(settings.k === null ? '' : String(settings.k));
  const [minSize, setMinSize] = useState(settings.minClusterSize === null ? '' : String(settings.minClusterSize));
  // settings changed elsewhere (a restored workspace): the fields show them
  const [shown, setShown] = useState(settings);
  if (shown !== settings) {
    setShown(settings);
    setK(settings.k === null ? '' : String(settings.k));
    setMinSize(settings.minClusterSize === null ? '' : String(settings.minClusterSize));
  }
  const number = (text: string) => (text.trim() === '' || !(Number(text) >= 1) ? null : Math.round(Number(text)));
  /** k-means with one cluster fewer or more than are on screen */
  const stepK = (by: number) => {
    const next = Math.max(2, found + by);
    setK(String(next));
    void setClusterSettings({ method: 'kmeans', k: next });
  };
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
              title="Empty: chosen by modularity"
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
        <label className="inline" title="UMAP of the full vectors to a few dimensions, then clustering there: topics separate better">
          <input
            type="checkbox"
            checked={settings.reduceTo !== null}
            onChange={(e) => void setClusterSettings({ reduceTo: e.target.checked ? REDUCE_TO : null })}
          />
          Reduce with UMAP first
        </label>
        {settings.method === 'hdbscan' && (
          <label className="inline">
            Noise
            <select value={settings.noise} onChange={(e) => void setClusterSettings({ noise: e.target.value as 'unclustered' | 'nearest' })}>
              <option value="unclustered">left unclustered</option>
              <option value="nearest">joins the nearest cluster</option>
            </select>
          </label>
        )}
      </div>
      <div className="row">
        <button type="submit" disabled={chunkCount === 0}>
          Cluster again
        </button>
        <button type="button" disabled={chunkCount === 0 || found <= 2} onClick={() => stepK(-1)}>
          Fewer clusters
        </button>
        <button type="button" disabled={chunkCount === 0 || found === 0} onClick={() => stepK(1)}>
          More clusters
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

const REDUCE_TO = DEFAULT_CLUSTERING.reduceTo ?? 5;

/** How the clusters on screen were made: their number, the method, the reduction, how k was chosen, and notes. */
export function ClusterSummaryLine() {
  const { clusters, unclustered, run, progress } = useOrrery(
    useShallow((s) => {
      const { clusters, unclustered, clusterRun } = activeOf(s);
      return { clusters, unclustered, run: clusterRun, progress: s.clusterProgress };
    }),
  );
  if (progress !== null) return <p className="muted">Clustering… {Math.round(progress * 100)}%</p>;
  if (!run) return null;
  const how = `${run.reducedDims !== null ? `UMAP ${run.reducedDims}-d, ` : ''}${run.method === 'kmeans' ? 'k-means' : 'HDBSCAN'}`;
  const parts = [`${clusters.length} cluster${clusters.length === 1 ? '' : 's'} (${how})`];
  if (typeof run.modularity === 'number') parts.push(`k by modularity ${run.modularity.toFixed(2)}`);
  if (run.silhouette !== null) parts.push(`silhouette ${run.silhouette.toFixed(2)}`);
  if (run.minClusterSize !== null) parts.push(`minimum size ${run.minClusterSize}`);
  if (run.namedBy === 'meaning') parts.push('named by the model');
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
