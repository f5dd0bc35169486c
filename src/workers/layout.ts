// The layout worker's work as a plain function: vectors in, 3-D coordinates out.
import { fitPca, projectPca } from '../core/pca';
import type { LayoutEvent, LayoutRequest } from './layout.protocol';

export function computeLayout(request: Extract<LayoutRequest, { type: 'layout' }>): Extract<LayoutEvent, { type: 'result' }> {
  const { vectors, count, dims, id } = request;
  const pca = fitPca(vectors, count, dims, { components: 3, seed: 1 });
  const projected = projectPca(pca, vectors, count);
  // fewer than 3 dimensions: pad so that the scene always gets N×3
  const coords = pca.components === 3 ? projected : new Float32Array(count * 3);
  if (pca.components < 3) for (let i = 0; i < count; i++) for (let c = 0; c < pca.components; c++) coords[i * 3 + c] = projected[i * pca.components + c]!;
  return { type: 'result', id, coords, pca };
}
