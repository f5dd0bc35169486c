import { placementFor } from '../core/placement';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_LAYOUT, type LayoutMethod, type LayoutParams } from '../core/layoutRun';
import { runLayout, setLayoutPaused } from '../state/layoutActions';
import { METHOD_LABEL } from '../state/status';
import { activeOf, useOrrery } from '../state/hooks';
import { LayoutParamsFields } from './LayoutParamsFields';

export function LayoutPanel() {
  const { current, running, paused, quality, explained, chunkCount, placedCount } = useOrrery(
    useShallow((s) => ({
      placedCount: activeOf(s).placedCount,
      current: activeOf(s).layoutParams,
      running: s.layoutProgress !== null,
      paused: s.layoutPaused,
      quality: activeOf(s).quality,
      explained: activeOf(s).explainedVariance,
      chunkCount: s.chunkCount,
    })),
  );
  const [draft, setDraft] = useState<LayoutParams>(current);
  const chooseMethod = (method: LayoutMethod) => setDraft(method === current.method ? current : { ...DEFAULT_LAYOUT[method], dims: draft.dims });
  return (
    <section className="panel" aria-labelledby="layout-heading">
      <h2 id="layout-heading">Layout</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void runLayout(draft);
        }}
      >
        <div className="row">
          <label className="inline">
            Method
            <select value={draft.method} onChange={(e) => chooseMethod(e.target.value as LayoutMethod)}>
              {(Object.keys(METHOD_LABEL) as LayoutMethod[]).map((m) => (
                <option key={m} value={m}>
                  {METHOD_LABEL[m]}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            View
            <select value={draft.dims} onChange={(e) => setDraft({ ...draft, dims: Number(e.target.value) as 2 | 3 })}>
              <option value={3}>3-D</option>
              <option value={2}>2-D</option>
            </select>
          </label>
        </div>
        <LayoutParamsFields params={draft} onChange={setDraft} explained={explained} />
        <div className="row">
          <button type="submit" disabled={chunkCount === 0}>
            Run layout
          </button>
          {running && (
            <button type="button" onClick={() => setLayoutPaused(!paused)}>
              {paused ? 'Resume' : 'Pause'}
            </button>
          )}
        </div>
      </form>
      <p className="muted" role="group" aria-label="Layout quality">
        {quality
          ? `Neighbour recall@${quality.k}: ${quality.meanRecall.toFixed(2)} · trustworthiness@${quality.k}: ${quality.trustworthiness.toFixed(3)}` +
            (quality.recallRows < chunkCount ? ` (measured on ${quality.recallRows.toLocaleString('en')} sampled points)` : '')
          : placedCount > 0
            ? 'Chunks were placed, not laid out: Run layout to measure the distortion again.'
            : chunkCount > 0 && !running
              ? 'Measuring distortion…'
              : ''}
      </p>
      <p className="muted">
        Queries are placed{' '}
        {placementFor(current) === 'projection'
          ? 'by projection onto the PCA axes'
          : 'at the weighted mean of their 10 nearest chunks (UMAP and t-SNE have no map for new points)'}
        .
      </p>
    </section>
  );
}
