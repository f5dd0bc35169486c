import { storageOf } from '../core/vectors';
import { activeOf } from './slices';
import { useOrreryStore } from './store';
import { viewChanged } from './viewChanged';
import { activeSpace } from './workspace/spaces';

export const METHOD_LABEL = { pca: 'PCA', umap: 'UMAP', tsne: 't-SNE' } as const;

export function readyMessage(): string {
  const { chunkCount } = useOrreryStore.getState();
  const { layoutParams } = activeOf(useOrreryStore.getState());
  const { dims, vectors } = activeSpace();
  // vectors held as float16 (past the float32 budget) say so: their scores differ from float32's in the fourth digit
  const held = storageOf(vectors) === 'float16' ? ' float16' : '';
  return `Ready — ${chunkCount.toLocaleString('en')} chunks · ${dims > 0 ? `${dims}-d${held}` : 'no vectors'} · ${METHOD_LABEL[layoutParams.method]} ${layoutParams.dims}-D`;
}

/** Back to a resting status once work ends (or fails): idle with no data, Ready otherwise; then what the settled work changed is saved and put in the address. */
export function settle(): void {
  const { chunkCount, setStatus } = useOrreryStore.getState();
  if (chunkCount === 0) setStatus('idle', 'Add text, drop files or load the demo corpus');
  else setStatus('ready', readyMessage());
  viewChanged();
}
