import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { customModel, type Dtype, invalidModelId, MODEL_CATALOGUE, type ModelEntry } from '../core/models';
import type { Pooling } from '../core/pooling';
import { setBatchOverride, SPEED_TEST_MIN_TEXTS, speedSummary } from '../state/embedding';
import { switchModel } from '../state/modelActions';
import type { Backend, ModelSource } from '../core/models';
import { useOrrery, useSpace } from '../state/hooks';

const CUSTOM = 'custom';

function describe(model: ModelEntry): string {
  const prefixes = model.queryPrefix || model.passagePrefix ? `query prefix “${model.queryPrefix}”, passage prefix “${model.passagePrefix}”` : 'no prefixes';
  const size = model.builtIn ? 'served by this app' : model.sizeMB ? `${model.sizeMB} MB download` : 'size unknown';
  return `${model.dims || '?'}-d · ${model.pooling} pooling${model.normalize ? ', normalised' : ''} · ${prefixes} · ${model.maxTokens} tokens · ${model.languages.join(', ')} · ${size} · ${model.licence}`;
}

export function ModelPanel() {
  const { source, dtype, backend } = useOrrery(useShallow((s) => ({ source: s.modelSource, dtype: s.dtype, backend: s.backend })));
  const loadedDims = useOrrery((s) => s.loadedDims);
  const dims = useSpace((w) => w.dims) || loadedDims;
  const [choice, setChoice] = useState(source.model.id);
  const [customId, setCustomId] = useState('');
  const [pooling, setPooling] = useState<Pooling>('mean');
  const [mirror, setMirror] = useState(source.remoteHost ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [precision, setPrecision] = useState<Dtype | ''>(source.dtype ?? '');
  const [backendChoice, setBackendChoice] = useState<Backend | ''>(source.backend ?? '');
  const [keep, setKeep] = useState(source.dims ?? 0);
  const catalogued = MODEL_CATALOGUE.find((m) => m.id === choice);
  const chosen = catalogued ?? customModel(customId, pooling);
  const fullDims = chosen.dims || dims;
  // Matryoshka sizes the model was trained for; others are offered to see what cutting does
  const cuts = chosen.matryoshka?.slice(1) ?? [256, 128, 64].filter((d) => d < fullDims);
  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <p className="muted" role="group" aria-label="Model in use">
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
          if (bad) return;
          const next: ModelSource = { model: chosen, remoteHost: chosen.builtIn ? null : mirror.trim() || null };
          if (precision) next.dtype = precision;
          if (backendChoice) next.backend = backendChoice;
          if (keep) next.dims = keep;
          void switchModel(next);
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
                <option value="max">max</option>
                <option value="last">last token</option>
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
        <div className="fields">
          <label className="inline">
            Precision
            <select value={precision} onChange={(e) => setPrecision(e.target.value as Dtype | '')}>
              <option value="">auto (q8 on WASM, fp32 on WebGPU)</option>
              {chosen.dtypes.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Backend
            <select value={backendChoice} onChange={(e) => setBackendChoice(e.target.value as Backend | '')}>
              <option value="">auto (speed test)</option>
              <option value="wasm">WASM</option>
              <option value="webgpu">WebGPU</option>
            </select>
          </label>
          <label className="inline">
            Dimensions
            <select value={keep} onChange={(e) => setKeep(Number(e.target.value))}>
              <option value={0}>all{fullDims ? ` (${fullDims})` : ''}</option>
              {cuts.map((d) => (
                <option key={d} value={d}>
                  {d}
                  {chosen.matryoshka ? ' (Matryoshka)' : ' (not trained for this cut)'}
                </option>
              ))}
            </select>
          </label>
        </div>
        {problem && <p role="alert">{problem}</p>}
        <button type="submit">Use model</button>
      </form>
      <SpeedPanel />
    </section>
  );
}

const BATCH_SIZES = [4, 8, 16, 32, 64];

/** The speed test's result and the batch size override. */
function SpeedPanel() {
  const speed = useOrrery((s) => s.speed);
  const batchOverride = useOrrery((s) => s.batchOverride);
  return (
    <div className="fields">
      <p className="muted" role="group" aria-label="Speed test">
        {speed
          ? `Speed test: ${speedSummary(speed, batchOverride)}`
          : `Speed test: runs on first use of a model (${SPEED_TEST_MIN_TEXTS.toLocaleString('en')} chunks or more).`}
      </p>
      <label className="inline">
        Batch size
        <select value={batchOverride ?? 0} onChange={(e) => void setBatchOverride(Number(e.target.value) || null)}>
          <option value={0}>auto{speed ? ` (${speed[0]!.batchSize})` : ''}</option>
          {BATCH_SIZES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
