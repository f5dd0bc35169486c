import type { DenseMetric } from '../core/retrieval/dense';
import type { VectorType } from '../core/retrieval/quantize';
import { RETRIEVERS, type RetrieverName } from '../core/retrieval/retrieve';
import { useOrrery, useSpace } from '../state/hooks';
import { setComparison, setContextBudget, setRetrieval, setVariant } from '../state/queryActions';
import { NumberField } from './NumberField';

export const RETRIEVER_LABEL: Record<RetrieverName, string> = { dense: 'Dense', bm25: 'BM25', hybrid: 'Hybrid (RRF)' };

export function RetrieverSettings() {
  const retrieval = useOrrery((s) => s.retrieval);
  const variant = useOrrery((s) => s.variant);
  const budget = useOrrery((s) => s.contextBudget);
  const model = useOrrery((s) => s.modelSource.model);
  const dims = useSpace((w) => w.dims);
  const history = useOrrery((s) => s.history);
  const comparing = useOrrery((s) => s.lab !== null);
  const cuts = (model.matryoshka ?? [256, 128, 64]).filter((d) => d < dims);
  return (
    <details className="settings">
      <summary>Retriever settings</summary>
      <div className="fields">
        <label className="inline">
          Retriever
          <select aria-label="Retriever" value={retrieval.retriever} onChange={(e) => void setRetrieval({ retriever: e.target.value as RetrieverName })}>
            {RETRIEVERS.map((r) => (
              <option key={r} value={r}>
                {RETRIEVER_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Dense metric
          <select aria-label="Dense metric" value={retrieval.metric} onChange={(e) => void setRetrieval({ metric: e.target.value as DenseMetric })}>
            <option value="cosine">Cosine</option>
            <option value="dot">Dot product</option>
            <option value="euclidean">Euclidean</option>
          </select>
        </label>
        <NumberField label="BM25 k1" value={retrieval.bm25.k1} step={0.1} min={0} onChange={(k1) => void setRetrieval({ bm25: { ...retrieval.bm25, k1 } })} />
        <NumberField
          label="BM25 b"
          value={retrieval.bm25.b}
          step={0.05}
          min={0}
          max={1}
          onChange={(b) => void setRetrieval({ bm25: { ...retrieval.bm25, b } })}
        />
        <NumberField
          label="Dense weight (RRF)"
          value={retrieval.weights.dense}
          step={0.1}
          min={0}
          onChange={(dense) => void setRetrieval({ weights: { ...retrieval.weights, dense } })}
        />
        <NumberField
          label="BM25 weight (RRF)"
          value={retrieval.weights.bm25}
          step={0.1}
          min={0}
          onChange={(bm25) => void setRetrieval({ weights: { ...retrieval.weights, bm25 } })}
        />
        <label className="inline">
          MMR re-ranking
          <input type="checkbox" checked={retrieval.mmr.on} onChange={(e) => void setRetrieval({ mmr: { ...retrieval.mmr, on: e.target.checked } })} />
        </label>
        <NumberField
          label="MMR λ"
          value={retrieval.mmr.lambda}
          step={0.05}
          min={0}
          max={1}
          onChange={(lambda) => void setRetrieval({ mmr: { ...retrieval.mmr, lambda } })}
        />
        <label className="inline">
          Minimum score
          <input
            type="number"
            step={0.05}
            value={retrieval.minScore ?? ''}
            placeholder="none"
            onChange={(e) => void setRetrieval({ minScore: e.target.value === '' ? null : Number(e.target.value) })}
          />
        </label>
        <NumberField label="Context budget (tokens)" value={budget} step={500} min={1} onChange={setContextBudget} />
        <label className="inline">
          Vectors as
          <select
            aria-label="Vectors as"
            value={`${variant.type}:${variant.dims ?? ''}`}
            onChange={(e) => {
              const [type, keep] = e.target.value.split(':');
              void setVariant({ type: type as VectorType, dims: keep ? Number(keep) : null, layerNorm: model.matryoshkaLayerNorm ?? false });
            }}
          >
            <option value="float:">float (as embedded)</option>
            <option value="int8:">int8</option>
            <option value="binary:">binary</option>
            {cuts.map((d) => (
              <option key={d} value={`float:${d}`}>
                first {d} dimensions{model.matryoshka?.includes(d) ? ' (trained)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Compare with
          <select
            aria-label="Compare with"
            defaultValue=""
            onChange={(e) => {
              const [kind, value] = [e.target.value.slice(0, e.target.value.indexOf(':')), e.target.value.slice(e.target.value.indexOf(':') + 1)];
              void setComparison(
                kind === 'retriever'
                  ? { kind, retriever: value as RetrieverName }
                  : kind === 'plain'
                    ? { kind }
                    : kind === 'query'
                      ? { kind, text: value }
                      : kind === 'space'
                        ? { kind }
                        : null,
              );
            }}
          >
            <option value="">nothing</option>
            {RETRIEVERS.map((r) => (
              <option key={r} value={`retriever:${r}`}>
                the {RETRIEVER_LABEL[r]} retriever
              </option>
            ))}
            {model.queryPrefix && <option value="plain:">this query without its prefix</option>}
            {comparing && <option value="space:">this query in the model lab's space B</option>}
            {history.slice(1).map((h) => (
              <option key={h} value={`query:${h}`}>
                “{h}”
              </option>
            ))}
          </select>
        </label>
      </div>
    </details>
  );
}
