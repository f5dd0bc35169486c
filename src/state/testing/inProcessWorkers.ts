// The app's workers for state tests in Node: each is its real handlers behind the same message
// protocol (structured clones, delivery on a later turn), in this process. Tests install it with
// vi.mock('./workers', () => import('./testing/inProcessWorkers')); the model is the one thing left
// out (tests import their vectors).
import type { WorkerLike } from '../../workers/rpc';
import { WorkerClient } from '../../workers/rpc';
import { createHost } from '../../workers/host';
import { layoutWorker } from '../../workers/layout';
import { qualityHandlers } from '../../workers/quality';
import { ingestHandlers } from '../../workers/ingest';
import { retrieveHandlers } from '../../workers/retrieve';
import { clusterHandlers } from '../../workers/cluster';

const later = (run: () => void) => setTimeout(run, 0);

/** A worker in this process: messages are cloned and delivered on a later turn, as between threads. */
function inProcess(makeHost: (post: (message: unknown) => void) => { handle(message: never): unknown }): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate: () => {},
    postMessage: (message) => later(() => void host.handle(structuredClone(message) as never)),
  };
  const host = makeHost((message) => later(() => worker.onmessage?.({ data: structuredClone(message) } as MessageEvent)));
  return worker;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export const layoutClient = new WorkerClient(() =>
  inProcess((post) => {
    const { handlers, onNote } = layoutWorker(undefined, undefined, { stepMs: 5, frameMs: 0 });
    return { handle: createHost(handlers, post, { onNote, latestOnly: ['layout'] }) };
  }),
);
export const qualityClient = new WorkerClient(() => inProcess((post) => ({ handle: createHost(qualityHandlers(), post, { latestOnly: ['quality'] }) })));
export const ingestClient = new WorkerClient(() =>
  inProcess((post) => ({
    handle: createHost(ingestHandlers({ pdf: () => Promise.reject(new Error('no PDFs here')), tokenCounter: async () => words }), post),
  })),
);
export const embedClient = new WorkerClient(() => inProcess(() => ({ handle: () => Promise.reject(new Error('no model in these tests')) })));
export const retrieveClient = new WorkerClient(() => inProcess((post) => ({ handle: createHost(retrieveHandlers(), post) })));
export const clusterClient = new WorkerClient(() => inProcess((post) => ({ handle: createHost(clusterHandlers(), post, { latestOnly: ['cluster'] }) })));
export const vectorDbClient = new WorkerClient(() => inProcess(() => ({ handle: () => Promise.reject(new Error('no vector database in these tests')) })));
