import { useShallow } from 'zustand/react/shallow';
import { metadataColumns } from '../core/colouring';
import { TAGS_COLUMN } from '../core/tags';
import { ClusterSettingsForm, ClusterSummaryLine } from './ClusterSettings';
import { SplitCluster } from './SplitCluster';
import { useOrrery, useSpace } from '../state/hooks';
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
  const comparing = useOrrery((s) => s.lab !== null);
  const columns = metadataColumns(documents);
  const hasTags = useOrrery((s) => Object.keys(s.tags).length > 0);
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
        {comparing && <option value="overlap">neighbour overlap with space B (red = changed)</option>}
        {hasTags && <option value={`column:${TAGS_COLUMN}`}>your tags</option>}
        {columns.map((c) => (
          <option key={c} value={`column:${c}`}>
            column “{c}”
          </option>
        ))}
      </select>
    </label>
  );
}

export function ColourPanel() {
  return (
    <section className="panel" aria-labelledby="colour-heading">
      <h2 id="colour-heading">Colour and clusters</h2>
      <ColourBy />
      <ClusterSettingsForm />
      <ClusterSummaryLine />
      <SplitCluster />
    </section>
  );
}
