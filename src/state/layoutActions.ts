// Layout actions: run a layout progressively in the worker, stream its frames into the scene,
// pause / cancel it, then measure how faithful it is. Both workers hold the corpus vectors
// (vectorSync.ts); a run or a measurement of an older corpus version is stale and dropped.
import { CancelledError } from '../core/batching';
import { WorkerStopped } from '../workers/rpc';
import type { LayoutParams } from '../core/layoutRun';
import { placementFor, placeRows, placeVector } from '../core/placement';
import type { LayoutResult } from '../workers/layout.protocol';
import { workspace } from './workspace/data';
import { METHOD_LABEL, settle } from './status';
import { useOrreryStore } from './store';
import { shareVectors } from './vectorSync';
import { layoutClient, qualityClient } from './workers';

const store = useOrreryStore;
const QUALITY_K = 10;
let current: { controller: AbortController } | null = null;
let measuring: AbortController | null = null;

/** Puts the last query in the layout: projection for PCA, its nearest chunks' positions otherwise. */
export function placeQuery(): void {
  const { queryVector, pca } = workspace;
  const { layoutParams } = store.getState();
  if (!queryVector || workspace.coords.length === 0) {
    workspace.queryCoords = null;
    return;
  }
  workspace.queryCoords = placeVector(layoutParams, pca, workspace.vectors, workspace.dims, workspace.norms, workspace.coords, queryVector);
}

function showCoords(coords: Float32Array, placed: Uint8Array = new Uint8Array(coords.length / 3)): void {
  workspace.coords = coords;
  workspace.placed = placed;
  placeQuery();
  store.setState((s) => ({ placedCount: placed.reduce((a, b) => a + b, 0), layoutVersion: s.layoutVersion + 1 }));
}

/** Lays out vectors that may not be committed yet (a new corpus): PCA results are awaited, not streamed. */
export async function layOutUncommitted(params: LayoutParams, vectors: Float32Array, count: number, dims: number, signal: AbortSignal): Promise<LayoutResult> {
  const vectorsId = await shareVectors(layoutClient, vectors, count, dims, signal);
  return layoutClient.request('layout', { vectorsId, params }, { signal });
}

/** Runs `params` on the current vectors, streaming frames; a newer run, a new corpus or Cancel stops it. Never rejects. */
export async function runLayout(params: LayoutParams): Promise<void> {
  current?.controller.abort();
  const count = workspace.table.texts.length;
  const { corpusVersion } = store.getState();
  const stale = () => store.getState().corpusVersion !== corpusVersion;
  // what is on screen now comes back if this run is cancelled
  const previous = {
    params: store.getState().layoutParams,
    explained: store.getState().explainedVariance,
    coords: workspace.coords,
    placed: workspace.placed,
    pca: workspace.pca,
  };
  setLayoutParams(params);
  if (count === 0) return;
  store.setState({ layoutProgress: 0 });
  const controller = new AbortController();
  const mine = { controller };
  current = mine;
  const label = METHOD_LABEL[params.method];
  const { setStatus } = store.getState();
  setStatus('layout', `Laying out ${count} points (${label})`, { done: 0, total: 100 });
  try {
    const vectorsId = await shareVectors(layoutClient, workspace.vectors, count, workspace.dims, controller.signal);
    const result = await layoutClient.request(
      'layout',
      { vectorsId, params },
      {
        onEvent: (frame) => {
          // frames the worker sent before it heard "pause" would move a paused picture
          if (stale() || store.getState().layoutPaused) return;
          showCoords(frame.coords);
          const percent = Math.round(frame.progress * 100);
          store.setState({ layoutProgress: frame.progress });
          setStatus('layout', `${label} ${percent}%`, { done: percent, total: 100 });
        },
        signal: controller.signal,
      },
    );
    if (stale()) throw new CancelledError();
    finishLayout(params, result);
  } catch (error) {
    const back = `back to the ${METHOD_LABEL[previous.params.method]} layout`;
    if (error instanceof WorkerStopped)
      store.getState().notify('error', `${label} layout stopped, because ${error.message}: ${back}. The next layout starts a new worker.`);
    else if (!(error instanceof CancelledError)) store.getState().notify('error', `${label} layout failed (${(error as Error).message}): ${back}.`);
    else if (current === mine && !stale()) store.getState().notify('info', `${label} cancelled: ${back}.`);
    // what streamed in so far goes: the picture is the one before this run
    if (current === mine && !stale()) {
      setLayoutParams(previous.params);
      workspace.pca = previous.pca;
      store.setState({ explainedVariance: previous.explained });
      showCoords(previous.coords, previous.placed);
      void measureQuality(previous.params);
    }
  } finally {
    if (current === mine) {
      current = null;
      store.setState({ layoutProgress: null, layoutPaused: false });
      settle();
    }
  }
}

/** Shows a finished layout: its coordinates, PCA basis and notes; then measures its distortion. */
export function finishLayout(params: LayoutParams, result: Pick<LayoutResult, 'coords' | 'explained' | 'notes'> & { pca: LayoutResult['pca'] | null }): void {
  workspace.pca = result.pca;
  store.setState({ explainedVariance: result.explained, layoutProgress: null });
  showCoords(result.coords);
  for (const note of result.notes) store.getState().notify('info', note);
  void measureQuality(params);
}

/** Records the layout now on screen; the scene animates to the next coordinates. */
export function setLayoutParams(params: LayoutParams): void {
  store.setState({ layoutParams: params, placement: placementFor(params), layoutPaused: false, quality: null });
  workspace.recall = null;
}

/** Puts rows [from, N) into the layout on screen without laying it out again, and marks them. */
export function placeNewRows(from: number): void {
  const { layoutParams } = store.getState();
  const count = workspace.table.texts.length;
  const coords = placeRows(workspace.vectors, workspace.dims, workspace.norms, workspace.coords, from, count, layoutParams, workspace.pca);
  const placed = new Uint8Array(count);
  placed.set(workspace.placed.subarray(0, from));
  placed.fill(1, from);
  workspace.recall = null;
  store.setState({ quality: null });
  showCoords(coords, placed);
}

export function setLayoutPaused(paused: boolean): void {
  if (!current) return;
  layoutClient.send({ type: paused ? 'pause' : 'resume' });
  store.setState({ layoutPaused: paused });
}

/** Stops the running layout (its previous picture comes back unless the corpus changed) and any measurement. */
export function cancelLayout(): void {
  current?.controller.abort();
  measuring?.abort();
}

export function isLayoutRunning(): boolean {
  return current !== null;
}

async function measureQuality(params: LayoutParams): Promise<void> {
  measuring?.abort(); // a newer layout makes the running measurement stale
  const controller = new AbortController();
  measuring = controller;
  const { corpusVersion } = store.getState();
  const count = workspace.table.texts.length;
  const coords = workspace.coords.slice();
  try {
    const vectorsId = await shareVectors(qualityClient, workspace.vectors, count, workspace.dims, controller.signal);
    const result = await qualityClient.request(
      'quality',
      { vectorsId, coords, layoutDims: params.dims, k: QUALITY_K },
      { transfer: [coords.buffer], signal: controller.signal },
    );
    if (store.getState().layoutParams !== params || store.getState().corpusVersion !== corpusVersion) return;
    workspace.recall = result.recall;
    const { recall: _, ...figures } = result;
    store.setState((s) => ({ quality: { k: QUALITY_K, ...figures }, qualityVersion: s.qualityVersion + 1 }));
  } catch (error) {
    if (!(error instanceof CancelledError)) store.getState().notify('error', `Could not measure the layout's distortion: ${(error as Error).message}`);
  } finally {
    if (measuring === controller) measuring = null;
  }
}
