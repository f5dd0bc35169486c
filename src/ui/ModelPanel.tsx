import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { customModel, invalidModelId, MODEL_CATALOGUE, type ModelEntry } from '../core/models';
import type { Pooling } from '../core/pooling';
import { switchModel } from '../state/pipeline';
import { useOrreryStore } from '../state/store';

const CUSTOM = 'custom';

function describe(model: ModelEntry): string {
  const prefixes = model.queryPrefix || model.passagePrefix ? `query prefix “${model.queryPrefix}”, passage prefix “${model.passagePrefix}”` : 'no prefixes';
  const size = model.builtIn ? 'served by this app' : model.sizeMB ? `${model.sizeMB} MB download` : 'size unknown';
  return `${model.dims || '?'}-d · ${model.pooling} pooling${model.normalize ? ', normalised' : ''} · ${prefixes} · ${model.maxTokens} tokens · ${model.languages.join(', ')} · ${size} · ${model.licence}`;
}

export function ModelPanel() {
  const { source, dims, dtype, backend } = useOrreryStore(useShallow((s) => ({ source: s.modelSource, dims: s.dims, dtype: s.dtype, backend: s.backend })));
  const [choice, setChoice] = useState(source.model.id);
  const [customId, setCustomId] = useState('');
  const [pooling, setPooling] = useState<Pooling>('mean');
  const [mirror, setMirror] = useState(source.remoteHost ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const catalogued = MODEL_CATALOGUE.find((m) => m.id === choice);
  const chosen = catalogued ?? customModel(customId, pooling);
  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <p className="muted" aria-label="Model in use">
        Vectors on screen: {source.model.label}
        {dims > 0 && ` · ${dims}-d`}
        {dtype && ` · ${dtype}`}
        {backend && ` · ${backend}`}
        {source.remoteHost && ` · from ${source.remoteHost}`}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const bad = catalogued ? null : invalidModelId(customId);
          setProblem(bad);
          if (!bad) void switchModel({ model: chosen, remoteHost: chosen.builtIn ? null : mirror.trim() || null });
        }}
      >
        <label htmlFor="model-choice">Embedding model</label>
        <select id="model-choice" value={catalogued ? choice : CUSTOM} onChange={(e) => setChoice(e.target.value)}>
          {MODEL_CATALOGUE.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom model id…</option>
        </select>
        {!catalogued && (
          <div className="fields">
            <label className="inline">
              Model id
              <input value={customId} onChange={(e) => setCustomId(e.target.value)} placeholder="owner/name" />
            </label>
            <label className="inline">
              Pooling
              <select value={pooling} onChange={(e) => setPooling(e.target.value as Pooling)}>
                <option value="mean">mean</option>
                <option value="cls">cls</option>
                <option value="model">the model's own</option>
              </select>
            </label>
          </div>
        )}
        <p className="muted">{describe(chosen)}</p>
        {!chosen.builtIn && (
          <label className="inline">
            Model mirror
            <input value={mirror} onChange={(e) => setMirror(e.target.value)} placeholder="https://huggingface.co/" />
          </label>
        )}
        {problem && <p role="alert">{problem}</p>}
        <button type="submit">Use model</button>
      </form>
    </section>
  );
}
