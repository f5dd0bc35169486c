// A space's vectors go to a worker once per version, not once per layout or quality run: in shared
// memory when the page is cross-origin isolated (nothing is copied), else as one transferred copy.
// Each request then names the vectors by id. Chunk texts (for BM25) go the same way. A worker holds
// one version of each space.
import { isShared, type VectorRows } from '../core/vectors';
import type { TextsCall, VectorsCall } from '../workers/held';
import type { Calls, WorkerClient } from '../workers/rpc';

const ids = new WeakMap<VectorRows, number>();
let nextId = 1;
/** per worker client and space: what it holds, and in which of the client's workers */
const held = new WeakMap<object, Map<string, { generation: number; vectorsId: number }>>();
const heldTexts = new WeakMap<object, Map<string, { generation: number; textsId: number }>>();

function spacesOf<T>(map: WeakMap<object, Map<string, T>>, client: object): Map<string, T> {
  let spaces = map.get(client);
  if (!spaces) map.set(client, (spaces = new Map()));
  return spaces;
}
const textIds = new WeakMap<string[], number>();

/** What sending vectors to workers has cost in this page (window.__orrery shows it). */
export const vectorTransfers = { sends: 0, bytesCopied: 0 };

function idOf(vectors: VectorRows): number {
  let id = ids.get(vectors);
  if (id === undefined) ids.set(vectors, (id = nextId++));
  return id;
}

/** Makes sure the client's worker holds these vectors of the space (a worker started since holds nothing); returns their id. */
export function shareVectors<C extends Calls & { vectors: VectorsCall }, E extends { type: string; id: number }, N extends { type: string }>(
  client: WorkerClient<C, E, N>,
  space: string,
  vectors: VectorRows,
  count: number,
  dims: number,
  signal?: AbortSignal,
): Promise<number> {
  const vectorsId = idOf(vectors);
  const spaces = spacesOf(held, client);
  const known = spaces.get(space);
  // a request starts the worker if needed, so read its generation after sending
  if (known?.vectorsId === vectorsId && known.generation === client.generation) return Promise.resolve(vectorsId);
  const copy = isShared(vectors) ? vectors : vectors.slice();
  const params: VectorsCall['params'] = { space, vectorsId, vectors: copy, count, dims };
  const sent = client.request('vectors', params as C['vectors']['params'], { transfer: copy === vectors ? [] : [copy.buffer], signal });
  spaces.set(space, { generation: client.generation, vectorsId });
  vectorTransfers.sends++;
  if (copy !== vectors) vectorTransfers.bytesCopied += copy.byteLength;
  // messages to one worker arrive in order: a request sent after this one finds the vectors held
  sent.catch(() => spaces.delete(space));
  return sent.then(() => vectorsId);
}

/** Makes sure the client's worker holds these chunk texts of the space; returns their id. */
export function shareTexts<C extends Calls & { texts: TextsCall }, E extends { type: string; id: number }, N extends { type: string }>(
  client: WorkerClient<C, E, N>,
  space: string,
  texts: string[],
  signal?: AbortSignal,
): Promise<number> {
  let textsId = textIds.get(texts);
  if (textsId === undefined) textIds.set(texts, (textsId = nextId++));
  const spaces = spacesOf(heldTexts, client);
  const known = spaces.get(space);
  if (known?.textsId === textsId && known.generation === client.generation) return Promise.resolve(textsId);
  const params: TextsCall['params'] = { space, textsId, texts };
  const sent = client.request('texts', params as C['texts']['params'], { signal });
  spaces.set(space, { generation: client.generation, textsId });
  sent.catch(() => spaces.delete(space));
  const id = textsId;
  return sent.then(() => id);
}
