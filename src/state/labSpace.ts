// What space B is: its difference from the space on screen in words, the model that makes its
// vectors, and a query's vectors in it.
import { type Dtype, MODEL_CATALOGUE, type ModelSource, truncateVectors } from '../core/models';
import { embed } from './embedding';
import type { LabComparison, SpaceDifference } from './labSlice';
import { useOrreryStore } from './store';
import { spaceOf } from './workspace/data';

const store = useOrreryStore;

export function describeDifference(difference: SpaceDifference): string {
  if (difference.kind === 'model') return MODEL_CATALOGUE.find((m) => m.id === difference.model)?.label ?? difference.model;
  if (difference.kind === 'pooling') return `${difference.pooling === 'last' ? 'last-token' : difference.pooling} pooling`;
  return difference.kind === 'precision' ? `${difference.precision} weights` : `first ${difference.dims} dimensions`;
}

/** The model that makes space B's vectors (none for a cut of A's). */
export function sourceOf(difference: SpaceDifference): ModelSource | null {
  const { modelSource } = store.getState();
  if (difference.kind === 'dims') return null;
  if (difference.kind === 'precision') return { ...modelSource, dtype: difference.precision as Dtype };
  if (difference.kind === 'pooling') return { ...modelSource, pooling: difference.pooling };
  const model = MODEL_CATALOGUE.find((m) => m.id === difference.model);
  if (!model?.builtIn) throw new Error(`${difference.model} is not a model this app serves; pick it under Model to download it.`);
  return { model, remoteHost: null };
}

/** Queries' vectors in space B: embedded by B's model, or A's query vectors cut as B's vectors were. */
export async function queryVectorsInB(lab: LabComparison, texts: string[], vectorsA: Float32Array, dimsA: number, signal: AbortSignal): Promise<Float32Array> {
  const source = sourceOf(lab.difference);
  if (source) return (await embed(texts, 'query', signal, source)).vectors;
  return truncateVectors(vectorsA, dimsA, spaceOf(lab.space).dims);
}
