// The app's workers, started lazily on first use.
import type { EmbedCalls, EmbedEvent } from '../workers/embed.protocol';
import type { IngestCalls, IngestProgress } from '../workers/ingest.protocol';
import type { LayoutCalls, LayoutFrame, LayoutNote } from '../workers/layout.protocol';
import type { QualityCalls } from '../workers/quality.protocol';
import type { RetrieveCalls, RetrieveProgress } from '../workers/retrieve.protocol';
import { WorkerClient } from '../workers/rpc';
import type { VectorDbCalls, VectorDbProgress } from '../workers/vectorDb.protocol';

export const embedClient = new WorkerClient<EmbedCalls, EmbedEvent>(
  () => new Worker(new URL('../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' }),
);

export const layoutClient = new WorkerClient<LayoutCalls, LayoutFrame, LayoutNote>(
  () => new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }),
);

export const qualityClient = new WorkerClient<QualityCalls>(() => new Worker(new URL('../workers/quality.worker.ts', import.meta.url), { type: 'module', name: 'quality' }));

export const ingestClient = new WorkerClient<IngestCalls, IngestProgress>(
  () => new Worker(new URL('../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
);

export const retrieveClient = new WorkerClient<RetrieveCalls, RetrieveProgress>(
  () => new Worker(new URL('../workers/retrieve.worker.ts', import.meta.url), { type: 'module', name: 'retrieve' }),
);

export const vectorDbClient = new WorkerClient<VectorDbCalls, VectorDbProgress>(
  () => new Worker(new URL('../workers/vectorDb.worker.ts', import.meta.url), { type: 'module', name: 'vector-database' }),
);
