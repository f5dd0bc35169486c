import { DEFAULT_LAYOUT, type LayoutParams, type PcaParams, type TsneParams, type UmapParams } from '../core/layoutRun';
import { NumberField } from './NumberField';

interface FieldsProps<P> {
  params: P;
  onChange: (params: P) => void;
}

function PreReduce({ params, onChange }: FieldsProps<UmapParams | TsneParams>) {
  return (
    <label className="inline">
      <input type="checkbox" checked={params.preReduce !== null} onChange={(e) => onChange({ ...params, preReduce: e.target.checked ? 50 : null })} />
      PCA first to
      <input
        type="number"
        aria-label="PCA dimensions before layout"
        value={params.preReduce ?? 50}
        min={2}
        disabled={params.preReduce === null}
        onChange={(e) => onChange({ ...params, preReduce: Math.max(2, e.target.valueAsNumber || 50) })}
      />
      dims
    </label>
  );
}

function PcaFields({ params, onChange, explained }: FieldsProps<PcaParams> & { explained: number[] }) {
  const names = ['X', 'Y', 'Z'].slice(0, params.dims);
  return (
    <div className="fields">
      {names.map((axis, c) => (
        <label key={axis} className="inline">
          {axis} axis
          <select
            value={params.axes[c]}
            onChange={(e) => {
              const axes = [...params.axes] as PcaParams['axes'];
              axes[c] = Number(e.target.value);
              onChange({ ...params, axes });
            }}
          >
            {Array.from({ length: 10 }, (_, i) => (
              <option key={i} value={i}>
                PC{i + 1}
                {explained[i] !== undefined ? ` (${(explained[i]! * 100).toFixed(1)}%)` : ''}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}

export function LayoutParamsFields({ params, onChange, explained }: FieldsProps<LayoutParams> & { explained: number[] }) {
  if (params.method === 'pca') return <PcaFields params={params} onChange={onChange} explained={explained} />;
  const seed = <NumberField label="Seed" value={params.seed} min={0} onChange={(seed) => onChange({ ...params, seed })} />;
  // beyond this many rows, a seeded sample is fitted and the rest placed by their nearest fitted rows
  const fitRows = (
    <NumberField
      label="Fit at most (rows)"
      value={params.fitRows ?? DEFAULT_LAYOUT[params.method].fitRows}
      min={100}
      max={1_000_000}
      step={1000}
      onChange={(fitRows) => onChange({ ...params, fitRows })}
    />
  );
  if (params.method === 'umap') {
    return (
      <div className="fields">
        <NumberField label="Neighbours" value={params.neighbours} min={2} max={200} onChange={(neighbours) => onChange({ ...params, neighbours })} />
        <NumberField label="Min distance" value={params.minDist} min={0} max={1} step={0.05} onChange={(minDist) => onChange({ ...params, minDist })} />
        <NumberField label="Epochs" value={params.epochs} min={10} max={2000} step={50} onChange={(epochs) => onChange({ ...params, epochs })} />
        <label className="inline">
          Metric
          <select value={params.metric} onChange={(e) => onChange({ ...params, metric: e.target.value as UmapParams['metric'] })}>
            <option value="cosine">cosine</option>
            <option value="euclidean">euclidean</option>
          </select>
        </label>
        <PreReduce params={params} onChange={onChange} />
        {fitRows}
        {seed}
      </div>
    );
  }
  return (
    <div className="fields">
      <NumberField label="Perplexity" value={params.perplexity} min={2} max={100} onChange={(perplexity) => onChange({ ...params, perplexity })} />
      <label className="inline">
        Learning rate
        <input
          aria-label="Learning rate"
          value={params.learningRate}
          onChange={(e) => {
            const value = e.target.value.trim();
            const n = Number(value);
            onChange({ ...params, learningRate: value === '' || value === 'auto' || !Number.isFinite(n) || n <= 0 ? 'auto' : n });
          }}
        />
      </label>
      <NumberField label="Iterations" value={params.iterations} min={50} max={5000} step={50} onChange={(iterations) => onChange({ ...params, iterations })} />
      <PreReduce params={params} onChange={onChange} />
      {fitRows}
      {seed}
    </div>
  );
}
