// Vectors go to a worker once per corpus version, not once per layout or quality run: in shared
// memory when the page is cross-origin isolated (nothing is copied), else as one transferred copy.
// Each request then names the vectors by id. Chunk texts (for BM25) go the same way.
import { isShared } from '../core/vectors';
import type { TextsCall, VectorsCall } from '../workers/held';
import type { Calls, WorkerClient } from '../workers/rpc';

const ids = new WeakMap<Float32Array, number>();
let nextId = 1;
const held = new WeakMap<object, { generation: number; vectorsId: number }>();
const heldTexts = new WeakMap<object, { generation: number; textsId: number }>();
const textIds = new WeakMap<string[], number>();

/** What sending vectors to workers has cost in this page (window.__orrery shows it). */
export const vectorTransfers = { sends: 0, bytesCopied: 0 };

function idOf(vectors: Float32Array): number {
  let id = ids.get(vectors);
  if (id === undefined) ids.set(vectors, (id = nextId++));
  return id;
}

/** Makes sure the client's worker holds these vectors (a worker started since holds nothing); returns their id. */
export function shareVectors<C extends Calls & { vectors: VectorsCall }, E extends { type: string; id: number }, N extends { type: string }>(
  client: WorkerClient<C, E, N>,
  vectors: Float32Array,
  count: number,
  dims: number,
  signal?: AbortSignal,
): Promise<number> {
  const vectorsId = idOf(vectors);
  const known = held.get(client);
  // a request starts the worker if needed, so read its generation after sending
  if (known?.vectorsId === vectorsId && known.generation === client.generation) return Promise.resolve(vectorsId);
  const copy = isShared(vectors) ? vectors : vectors.slice();
  const params: VectorsCall['params'] = { vectorsId, vectors: copy, count, dims };
  const sent = client.request('vectors', params as C['vectors']['params'], { transfer: copy === vectors ? [] : [copy.buffer], signal });
  held.set(client, { generation: client.generation, vectorsId });
  vectorTransfers.sends++;
  if (copy !== vectors) vectorTransfers.bytesCopied += copy.byteLength;
  // messages to one worker arrive in order: a request sent after this one finds the vectors held
  sent.catch(() => held.delete(client));
  return sent.then(() => vectorsId);
}

/** Makes sure the client's worker holds these chunk texts; returns their id. */
export function shareTexts<C extends Calls & { texts: TextsCall }, E extends { type: string; id: number }, N extends { type: string }>(
  client: WorkerClient<C, E, N>,
  texts: string[],
  signal?: AbortSignal,
): Promise<number> {
  let textsId = textIds.get(texts);
  if (textsId === undefined) textIds.set(texts, (textsId = nextId++));
  const known = heldTexts.get(client);
  if (known?.textsId === textsId && known.generation === client.generation) return Promise.resolve(textsId);
  const params: TextsCall['params'] = { textsId, texts };
  const sent = client.request('texts', params as C['texts']['params'], { signal });
  heldTexts.set(client, { generation: client.generation, textsId });
  sent.catch(() => heldTexts.delete(client));
  const id = textsId;
  return sent.then(() => id);
}
