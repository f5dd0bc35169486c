// Vectors made smaller for a link by PCA: the receiver keeps the principal components and the
// projection, so a query the model embeds there is projected the same way and ranked among them.
import type { VectorRows } from '../vectors';
import { fitPca, type PcaModel, projectPca } from '../pca';

/** Vectors reduced by PCA: a query vector from the model (`from` dimensions) is centred on `mean` and projected onto `components` (dims × from). */
export interface Projection {
  from: number;
  mean: Float32Array;
  components: Float32Array;
}

/** What a reduced link keeps: enough for the neighbours to stay neighbours, a fraction of the bytes. */
export const REDUCED_DIMS = 32;

const asModel = (p: Projection): PcaModel => {
  const components = p.components.length / p.from;
  return { dims: p.from, components, mean: p.mean, basis: p.components, variances: new Float64Array(components), totalVariance: 0 };
};

/** The top `target` principal components of count × dims vectors (fewer when there are fewer rows or dimensions). */
export function reduceVectors(
  vectors: VectorRows,
  count: number,
  dims: number,
  target = REDUCED_DIMS,
): { data: Float32Array; dims: number; projection: Projection } {
  const components = Math.max(1, Math.min(target, dims, count));
  const model = fitPca(vectors, count, dims, { components, seed: 1 });
  return { data: projectPca(model, vectors, count), dims: model.components, projection: { from: dims, mean: model.mean, components: model.basis } };
}

/** Rows of the model's space in the reduced one. */
export function projectRows(projection: Projection, rows: Float32Array, count: number): Float32Array {
  return projectPca(asModel(projection), rows, count);
}
