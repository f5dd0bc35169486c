// Layout actions: run a layout progressively in the worker, stream its frames into the scene,
// pause / cancel it, then measure how faithful it is. Both workers hold the corpus vectors
// (vectorSync.ts); a run or a measurement of an older corpus version is stale and dropped.
import { CancelledError } from '../core/batching';
import { WorkerStopped } from '../workers/rpc';
import { DEFAULT_LAYOUT, type LayoutParams } from '../core/layoutRun';
import { placeRows, placeVector } from '../core/placement';
import type { LayoutResult } from '../workers/layout.protocol';
import { normsOf, type Space, type SpaceId } from './workspace/data';
import { activeSpace, setSpaceState, spacePatch } from './workspace/spaces';
import { METHOD_LABEL, settle } from './status';
import { useOrreryStore } from './store';
import { shareVectors } from './vectorSync';
import { layoutClient, qualityClient } from './workers';
import type { VectorRows } from '../core/vectors';

const store = useOrreryStore;
/** The parameters of a space's layout (of the one on screen, or being computed). */
const layoutParamsOf = (space: Space): LayoutParams => store.getState().spaces[space.id]?.layoutParams ?? DEFAULT_LAYOUT.pca;
const QUALITY_K = 10;
/** each space's running layout and distortion measurement */
const running = new Map<SpaceId, { controller: AbortController }>();
const measuring = new Map<SpaceId, AbortController>();

/** A vector's place in the space's layout: projection for PCA, its nearest chunks' positions otherwise. */
export const placeInLayout = (space: Space, vector: Float32Array): Float32Array =>
  placeVector(layoutParamsOf(space), space.pca, space.vectors, space.dims, normsOf(space), space.coords, vector);

/** Puts the space's last query in its layout. */
export function placeQuery(space: Space = activeSpace()): void {
  const { queryVector, coords } = space;
  space.queryCoords = queryVector && coords.length > 0 ? placeInLayout(space, queryVector) : null;
}

function showCoords(space: Space, coords: Float32Array, placed: Uint8Array = new Uint8Array(coords.length / 3)): void {
  space.coords = coords;
  space.placed = placed;
  placeQuery(space);
  store.setState((s) => ({ layoutVersion: s.layoutVersion + 1, ...spacePatch(s, space.id, { placedCount: placed.reduce((a, b) => a + b, 0) }) }));
}

/** Lays out vectors that may not be committed yet (a new corpus): PCA results are awaited, not streamed. */
export async function layOutUncommitted(
  space: SpaceId,
  params: LayoutParams,
  vectors: VectorRows,
  count: number,
  dims: number,
  signal: AbortSignal,
): Promise<LayoutResult> {
  const vectorsId = await shareVectors(layoutClient, space, vectors, count, dims, signal);
  return layoutClient.request('layout', { space, vectorsId, params }, { signal });
}

/** After the next animation frame has drawn (a turn later where there are no animation frames: Node's tests). */
const afterPaint = (then: () => void): void => {
  const turn = () => setTimeout(then);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(turn);
  else turn();
};

/** Runs `params` on the active space's vectors, streaming frames; a newer run, new data or Cancel stops it. Never rejects. */
export async function runLayout(params: LayoutParams): Promise<void> {
  const space = activeSpace();
  running.get(space.id)?.controller.abort();
  const count = space.table.texts.length;
  const { version } = space;
  const stale = () => space.version !== version;
  // what is on screen now comes back if this run is cancelled
  const previous = {
    params: layoutParamsOf(space),
    explained: store.getState().spaces[space.id]?.explainedVariance ?? [],
    sampled: store.getState().spaces[space.id]?.sampledLayout ?? null,
    coords: space.coords,
    placed: space.placed,
    pca: space.pca,
  };
  setLayoutParams(params, space);
  if (count === 0) return;
  store.setState({ layoutProgress: 0 });
  const controller = new AbortController();
  const mine = { controller };
  running.set(space.id, mine);
  const label = METHOD_LABEL[params.method];
  const { setStatus } = store.getState();
  setStatus('layout', `Laying out ${count.toLocaleString('en')} points (${label})`, { done: 0, total: 100 });
  try {
    const vectorsId = await shareVectors(layoutClient, space.id, space.vectors, count, space.dims, controller.signal);
    const result = await layoutClient.request(
      'layout',
      { space: space.id, vectorsId, params },
      {
        onEvent: (frame) => {
          // frames the worker sent before it heard "pause" would move a paused picture
          if (stale() || store.getState().layoutPaused) return void layoutClient.send({ type: 'shown' });
          showCoords(space, frame.coords);
          const percent = Math.round(frame.progress * 100);
          store.setState({ layoutProgress: frame.progress });
          setStatus('layout', `${label} ${percent}%`, { done: percent, total: 100 });
          // the next frame is sent once this one is drawn
          afterPaint(() => layoutClient.send({ type: 'shown' }));
        },
        signal: controller.signal,
      },
    );
    if (stale()) throw new CancelledError();
    finishLayout(space, params, result);
  } catch (error) {
    const isMine = running.get(space.id) === mine;
    const back = `back to the ${METHOD_LABEL[previous.params.method]} layout`;
    if (error instanceof WorkerStopped)
      store.getState().notify('error', `${label} layout stopped, because ${error.message}: ${back}. The next layout starts a new worker.`);
    else if (!(error instanceof CancelledError)) store.getState().notify('error', `${label} layout failed (${(error as Error).message}): ${back}.`);
    else if (isMine && !stale()) store.getState().notify('info', `${label} cancelled: ${back}.`);
    // what streamed in so far goes: the picture is the one before this run
    if (isMine && !stale()) {
      setLayoutParams(previous.params, space);
      space.pca = previous.pca;
      setSpaceState(space.id, { explainedVariance: previous.explained, sampledLayout: previous.sampled });
      showCoords(space, previous.coords, previous.placed);
      void measureQuality(space, previous.params);
    }
  } finally {
    if (running.get(space.id) === mine) {
      running.delete(space.id);
      store.setState({ layoutProgress: null, layoutPaused: false });
      settle();
    }
  }
}

/** A layout to show: the worker's result, or coordinates restored or placed (no PCA basis then). */
export type LayoutShown = Pick<LayoutResult, 'coords' | 'explained' | 'notes'> & { pca: LayoutResult['pca'] | null; sampled?: LayoutResult['sampled'] };

/** Shows a finished layout of a space: its coordinates, PCA basis and notes; then measures its distortion. */
export function finishLayout(space: Space, params: LayoutParams, result: LayoutShown): void {
  space.pca = result.pca;
  store.setState((s) => ({
    layoutProgress: null,
    ...spacePatch(s, space.id, { explainedVariance: result.explained, sampledLayout: result.sampled ?? null }),
  }));
  showCoords(space, result.coords);
  for (const note of result.notes) store.getState().notify('info', note);
  void measureQuality(space, params);
}

/** Records the layout now on screen; the scene animates to the next coordinates. */
export function setLayoutParams(params: LayoutParams, space: Space = activeSpace()): void {
  store.setState((s) => ({ layoutPaused: false, ...spacePatch(s, space.id, { layoutParams: params, quality: null, sampledLayout: null }) }));
  space.recall = null;
}

/** Puts a space's rows [from, N) into its layout without laying it out again, and marks them. */
export function placeNewRows(space: Space, from: number): void {
  const layoutParams = layoutParamsOf(space);
  const count = space.table.texts.length;
  const coords = placeRows(space.vectors, space.dims, normsOf(space), space.coords, from, count, layoutParams, space.pca);
  const placed = new Uint8Array(count);
  placed.set(space.placed.subarray(0, from));
  placed.fill(1, from);
  space.recall = null;
  setSpaceState(space.id, { quality: null });
  showCoords(space, coords, placed);
}

export function setLayoutPaused(paused: boolean): void {
  if (!running.has(store.getState().activeSpace)) return;
  layoutClient.send({ type: paused ? 'pause' : 'resume' });
  store.setState({ layoutPaused: paused });
}

/** Stops a space's running layout (its previous picture comes back unless the data changed) and measurement; every space's when none is named. */
export function cancelLayout(id?: SpaceId): void {
  for (const [key, run] of running) if (id === undefined || key === id) run.controller.abort();
  for (const [key, controller] of measuring) if (id === undefined || key === id) controller.abort();
}

export function isLayoutRunning(): boolean {
  return running.size > 0;
}

async function measureQuality(space: Space, params: LayoutParams): Promise<void> {
  measuring.get(space.id)?.abort(); // a newer layout makes the running measurement stale
  const controller = new AbortController();
  measuring.set(space.id, controller);
  const { version } = space;
  const count = space.table.texts.length;
  const coords = space.coords.slice();
  try {
    const vectorsId = await shareVectors(qualityClient, space.id, space.vectors, count, space.dims, controller.signal);
    const result = await qualityClient.request(
      'quality',
      { space: space.id, vectorsId, coords, layoutDims: params.dims, k: QUALITY_K },
      { transfer: [coords.buffer], signal: controller.signal },
    );
    if (layoutParamsOf(space) !== params || space.version !== version) return;
    space.recall = result.recall;
    const { recall: _, ...figures } = result;
    setSpaceState(space.id, (before) => ({ quality: { k: QUALITY_K, ...figures }, qualityVersion: before.qualityVersion + 1 }));
  } catch (error) {
    if (!(error instanceof CancelledError)) store.getState().notify('error', `Could not measure the layout's distortion: ${(error as Error).message}`);
  } finally {
    if (measuring.get(space.id) === controller) measuring.delete(space.id);
  }
}
