import { useState } from 'react';
import { invalidModelId, MODEL_CATALOGUE, type ModelEntry } from '../core/models';
import { type Pooling, TOKEN_POOLINGS } from '../core/pooling';
import { useShallow } from 'zustand/react/shallow';
import { isBusy, useActiveSpace, useOrrery, useSpace } from '../state/hooks';
import { addLabSpace } from '../state/labActions';
import type { LabRecipe } from '../state/labSlice';
import { chunkingName, describeRecipe, LAB_CHUNKINGS, labModel, recipeOf, sameChunking, sameRecipe } from '../state/labSpace';

/** Dimensions a space of `model` may keep: all of them, its Matryoshka cuts, or else a half and a quarter. */
function dimsOptions(model: ModelEntry, full: number): number[] {
  const cuts = (model.matryoshka ?? [Math.floor(full / 2), Math.floor(full / 4)]).filter((d) => d >= 8 && d < full);
  return [full, ...cuts];
}

const poolingName = (p: Pooling) => (p === 'model' ? "the model's own" : p === 'last' ? 'last token' : p);

/** The recipe space B starts from when its model is picked: A's own where the model is A's, else the model's defaults. */
function startingRecipe(modelId: string, a: LabRecipe): LabRecipe {
  if (modelId === a.model) return { ...a };
  const model = labModel(modelId);
  const precision = model.dtypes.includes('q8') ? 'q8' : (model.dtypes[0] ?? null);
  const prefixes = { query: model.queryPrefix, passage: model.passagePrefix };
  return { model: model.id, host: null, precision, pooling: model.pooling, dims: model.dims, chunking: a.chunking, prefixes };
}

/** The models the select lists: A's, the built-in ones, then the catalogue's downloads. */
function listedModels(a: string): string[] {
  const others = MODEL_CATALOGUE.filter((m) => m.id !== a);
  return [a, ...others.filter((m) => m.builtIn).map((m) => m.id), ...others.filter((m) => !m.builtIn).map((m) => m.id)];
}

/** A model by id, from a mirror or the Hub: its id and host typed in. */
const OTHER = 'other';

function modelName(id: string, a: string): string {
  const model = labModel(id);
  return `${model.label}${id === a ? ' (as A)' : model.builtIn ? '' : ` (download, ${model.sizeMB} MB)`}`;
}

/** What the form offers first: another model where there is one, else A's vectors cut to fewer dimensions. */
function firstDifferent(a: LabRecipe, models: string[]): LabRecipe {
  const other = models.find((id) => id !== a.model);
  if (other) return startingRecipe(other, a);
  return { ...a, dims: dimsOptions(labModel(a.model), a.dims)[1] ?? a.dims };
}

/** Space B's recipe — model, precision, pooling, dimensions, chunking, prefixes — and the button that makes and compares it. */
export function LabRecipeForm() {
  const { source, precision, busy, chunks, imported } = useOrrery(
    useShallow((s) => ({ source: s.modelSource, precision: s.dtype, busy: isBusy(s.phase), chunks: s.chunkCount, imported: s.importedCount > 0 })),
  );
  const a = recipeOf(
    source,
    precision,
    useSpace((w) => w.dims),
    useActiveSpace((s) => s.recipe.chunking),
  );
  const models = listedModels(a.model);
  // a choice holds for the space on screen it was made beside
  const [chosen, setChosen] = useState<{ beside: string; recipe: LabRecipe } | null>(null);
  const key = JSON.stringify(a);
  const recipe = chosen?.beside === key ? chosen.recipe : firstDifferent(a, models);
  const model = labModel(recipe.model, recipe.pooling);
  const sameModel = recipe.model === a.model;
  const other = !models.includes(recipe.model);
  const precisions = model.dtypes.filter((d) => d !== 'q4');
  // a model of the catalogue pools as it was trained (or itself); one named by id may do either
  const poolings: Pooling[] = other ? ['model', ...TOKEN_POOLINGS] : model.pooling === 'model' ? [recipe.pooling] : TOKEN_POOLINGS;
  // a model named by id has no known size before it loads: all its dimensions are kept
  const dims = other ? [0] : dimsOptions(model, sameModel ? a.dims : model.dims);
  const badId = other ? invalidModelId(recipe.model) : null;
  const choose = (next: LabRecipe) => setChosen({ beside: key, recipe: next });
  // chunks that came with their own vectors cannot be cut otherwise
  const chunkings = imported ? [a.chunking] : [a.chunking, ...LAB_CHUNKINGS.map((c) => c.chunking).filter((c) => !sameChunking(c, a.chunking))];
  const change = (part: Partial<LabRecipe>) => choose({ ...recipe, ...part });
  const same = sameRecipe(recipe, a);
  return (
    <div role="group" aria-label="Space B">
      <div className="fields">
        <label>
          Space B model
          <select
            value={other ? OTHER : recipe.model}
            onChange={(e) =>
              choose(e.target.value === OTHER ? { ...startingRecipe(a.model, a), model: '', pooling: 'model', dims: 0 } : startingRecipe(e.target.value, a))
            }
          >
            {models.map((id) => (
              <option key={id} value={id}>
                {modelName(id, a.model)}
              </option>
            ))}
            <option value={OTHER}>another model, by its id (Hub or mirror)</option>
          </select>
        </label>
        {other && (
          <>
            <label>
              Space B model id
              <input value={recipe.model} placeholder="owner/name" onChange={(e) => change({ model: e.target.value.trim() })} />
            </label>
            <label>
              Space B mirror
              <input value={recipe.host ?? ''} placeholder="the Hugging Face Hub" onChange={(e) => change({ host: e.target.value.trim() || null })} />
            </label>
          </>
        )}
        <label>
          Space B precision
          <select value={recipe.precision ?? ''} onChange={(e) => change({ precision: e.target.value })} disabled={precisions.length < 2}>
            {precisions.map((p) => (
              <option key={p ?? ''} value={p ?? ''}>
                {p ?? 'as given'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Space B pooling
          <select value={recipe.pooling} onChange={(e) => change({ pooling: e.target.value as Pooling })} disabled={poolings.length < 2}>
            {poolings.map((p) => (
              <option key={p} value={p}>
                {poolingName(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Space B dimensions
          <select value={recipe.dims} onChange={(e) => change({ dims: Number(e.target.value) })}>
            {dims.map((d, i) => (
              <option key={d} value={d}>
                {d === 0 ? 'all' : i === 0 ? `all ${d}` : `first ${d}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Space B chunking
          <select
            value={chunkings.findIndex((c) => sameChunking(c, recipe.chunking))}
            onChange={(e) => change({ chunking: chunkings[Number(e.target.value)]! })}
            disabled={chunkings.length < 2}
          >
            {chunkings.map((c, i) => (
              <option key={i} value={i}>
                {chunkingName(c)}
                {i === 0 ? ' (as A)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Space B query prefix
          <input value={recipe.prefixes.query} onChange={(e) => change({ prefixes: { ...recipe.prefixes, query: e.target.value } })} />
        </label>
        <label>
          Space B passage prefix
          <input value={recipe.prefixes.passage} onChange={(e) => change({ prefixes: { ...recipe.prefixes, passage: e.target.value } })} />
        </label>
      </div>
      <div className="row">
        <button type="button" disabled={busy || chunks < 2 || same || badId !== null} onClick={() => void addLabSpace(recipe)}>
          Compare
        </button>
        <span className="muted">{same ? 'Change at least one part to make space B.' : (badId ?? `B: ${describeRecipe(recipe, a)}`)}</span>
      </div>
    </div>
  );
}
