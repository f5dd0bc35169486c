// What space B is: its recipe beside A's, what differs in words, the model that makes its vectors,
// and a query's vectors in it.
import { customModel, type Dtype, MODEL_CATALOGUE, type ModelEntry, type ModelSource, type Purpose, truncateVectors } from '../core/models';
import type { Pooling } from '../core/pooling';
import { type ChunkOptions, DEFAULT_CHUNKING, PARAGRAPH_CHUNKING } from '../core/chunking';
import type { SnapshotLab } from '../core/snapshot/codec';
import { embed } from './embedding';
import { activeOf } from './slices';
import type { LabComparison, LabRecipe } from './labSlice';
import { useOrreryStore } from './store';
import { type Space, spaceOf } from './workspace/data';
import { activeSpace } from './workspace/spaces';

const store = useOrreryStore;

/** The recipe of vectors made by `source` at `precision`, `dims` wide, of chunks cut by `chunking`. */
export const recipeOf = (source: ModelSource, precision: string | null, dims: number, chunking: ChunkOptions): LabRecipe => ({
  model: source.model.id,
  host: source.remoteHost,
  precision,
  pooling: source.pooling ?? source.model.pooling,
  dims,
  chunking,
  prefixes: { query: source.model.queryPrefix, passage: source.model.passagePrefix },
});

/** The recipe of the space on screen. */
export function recipeOfA(): LabRecipe {
  const state = store.getState();
  return recipeOf(state.modelSource, state.dtype, activeSpace().dims, activeOf(state).recipe.chunking);
}

export const sameChunking = (x: ChunkOptions, y: ChunkOptions) => JSON.stringify(x) === JSON.stringify(y);

/** Chunkings space B may use beside A's, named. */
export const LAB_CHUNKINGS: { name: string; chunking: ChunkOptions }[] = [
  { name: "paragraphs fitted to the model's input", chunking: DEFAULT_CHUNKING },
  { name: 'paragraphs of up to 800 characters', chunking: PARAGRAPH_CHUNKING },
  { name: 'recursive, 400 characters', chunking: { ...PARAGRAPH_CHUNKING, strategy: 'recursive', size: 400, overlap: 40 } },
  { name: 'sentences grouped up to 300 characters', chunking: { ...PARAGRAPH_CHUNKING, strategy: 'sentence', size: 300, overlap: 0 } },
  { name: '128 tokens', chunking: { ...PARAGRAPH_CHUNKING, strategy: 'tokens', size: 128, overlap: 16 } },
];

export function chunkingName(chunking: ChunkOptions): string {
  return (
    LAB_CHUNKINGS.find((c) => sameChunking(c.chunking, chunking))?.name ??
    `${chunking.strategy}, ${chunking.size} ${chunking.strategy === 'tokens' ? 'tokens' : 'characters'}`
  );
}

/** A model space B may use: A's own (from wherever A's came), one of the catalogue, or any other by its id (pooled as `pooling`). */
export function labModel(id: string, pooling: Pooling = 'mean'): ModelEntry {
  const { modelSource } = store.getState();
  if (id === modelSource.model.id) return modelSource.model;
  return MODEL_CATALOGUE.find((m) => m.id === id) ?? customModel(id, pooling);
}

/** True when the recipe runs A's model as A's ran. */
const samePrefixes = (b: LabRecipe, a: LabRecipe) => b.prefixes.query === a.prefixes.query && b.prefixes.passage === a.prefixes.passage;
const sameModelRun = (b: LabRecipe, a: LabRecipe) =>
  b.model === a.model && b.host === a.host && b.precision === a.precision && b.pooling === a.pooling && samePrefixes(b, a);

export const sameRecipe = (b: LabRecipe, a: LabRecipe) => sameModelRun(b, a) && b.dims === a.dims && sameChunking(b.chunking, a.chunking);

/** What B changes from A, in words ("Word vectors 100-d · q8 weights · first 64 dimensions"). */
export function describeRecipe(b: LabRecipe, a: LabRecipe = recipeOfA()): string {
  const parts: string[] = [];
  if (b.model !== a.model) parts.push(labModel(b.model).label);
  if (b.host !== a.host && b.host) parts.push(`from ${b.host}`);
  if (b.precision !== a.precision && b.precision) parts.push(`${b.precision} weights`);
  if (b.pooling !== a.pooling && (b.model === a.model || b.pooling !== labModel(b.model).pooling))
    parts.push(`${b.pooling === 'last' ? 'last-token' : b.pooling} pooling`);
  if (b.dims > 0 && b.dims < (b.model === a.model ? a.dims : labModel(b.model).dims)) parts.push(`first ${b.dims} dimensions`);
  if (!sameChunking(b.chunking, a.chunking)) parts.push(`chunks: ${chunkingName(b.chunking)}`);
  const model = b.model === a.model ? null : labModel(b.model);
  if (model ? b.prefixes.query !== model.queryPrefix || b.prefixes.passage !== model.passagePrefix : !samePrefixes(b, a))
    parts.push(`prefixes “${b.prefixes.query}” (queries), “${b.prefixes.passage}” (passages)`);
  return parts.length > 0 ? parts.join(' · ') : 'the same as A';
}

/** The model run the recipe names: its model, precision and pooling. */
export function modelRunOf(recipe: LabRecipe): ModelSource {
  const entry = labModel(recipe.model, recipe.pooling);
  // prefixes other than the model's travel in its entry: the cache keys vectors by the prefixed text
  const model = { ...entry, queryPrefix: recipe.prefixes.query, passagePrefix: recipe.prefixes.passage };
  return {
    model,
    remoteHost: entry.builtIn ? null : recipe.host,
    ...(recipe.precision && { dtype: recipe.precision as Dtype }),
    ...(recipe.pooling !== model.pooling && { pooling: recipe.pooling }),
  };
}

/**
 * The model run that must make space B's vectors; none when A's own vectors, cut, are B's: the same
 * run on the same chunks, and A's vectors in full (not reduced by PCA for a link).
 */
export function runFor(recipe: LabRecipe, a: Space): ModelSource | null {
  const ofA = recipeOfA();
  return !a.projection && sameModelRun(recipe, ofA) && sameChunking(recipe.chunking, ofA.chunking) ? null : modelRunOf(recipe);
}

/** Texts' vectors in space B (queries by default): embedded by B's model, or their vectors in A cut as B's vectors were. */
export async function vectorsInB(
  lab: Pick<LabComparison, 'run' | 'recipe' | 'space'>,
  texts: string[],
  vectorsA: Float32Array,
  dimsA: number,
  signal: AbortSignal,
  purpose: Purpose = 'query',
): Promise<Float32Array> {
  if (!lab.run) return truncateVectors(vectorsA, dimsA, spaceOf(lab.space).dims);
  const embedded = await embed(texts, purpose, signal, lab.run);
  return truncateVectors(embedded.vectors, embedded.dims, lab.recipe.dims || embedded.dims);
}

/** Space B's recipe and the lab's view, as a share link and the saved workspace carry them (B is made again from them). */
export function labToCarry(): SnapshotLab | null {
  const { lab, labView } = store.getState();
  return lab && { recipe: { ...lab.recipe, chunking: { ...lab.recipe.chunking }, prefixes: { ...lab.recipe.prefixes } }, view: labView };
}
