// The app's workers, started lazily on first use (from blob: URLs: see workers/startWorker.ts).
import type { ClusterCalls, ClusterProgress } from '../workers/cluster.protocol';
import clusterWorkerUrl from '../workers/cluster.worker.ts?worker&url';
import type { EmbedCalls, EmbedEvent } from '../workers/embed.protocol';
import type { IngestCalls, IngestProgress } from '../workers/ingest.protocol';
import type { LayoutCalls, LayoutFrame, LayoutNote } from '../workers/layout.protocol';
import type { QualityCalls } from '../workers/quality.protocol';
import type { RetrieveCalls, RetrieveProgress } from '../workers/retrieve.protocol';
import { WorkerClient } from '../workers/rpc';
import { startWorker } from '../workers/startWorker';
import embedWorkerUrl from '../workers/embed.worker.ts?worker&url';
import layoutWorkerUrl from '../workers/layout.worker.ts?worker&url';
import qualityWorkerUrl from '../workers/quality.worker.ts?worker&url';
import ingestWorkerUrl from '../workers/ingest.worker.ts?worker&url';
import retrieveWorkerUrl from '../workers/retrieve.worker.ts?worker&url';
import vectorDbWorkerUrl from '../workers/vectorDb.worker.ts?worker&url';
import type { VectorDbCalls, VectorDbProgress } from '../workers/vectorDb.protocol';

export const embedClient = new WorkerClient<EmbedCalls, EmbedEvent>(() => startWorker(embedWorkerUrl, 'embed'), 'embed');

export const layoutClient = new WorkerClient<LayoutCalls, LayoutFrame, LayoutNote>(() => startWorker(layoutWorkerUrl, 'layout'), 'layout');

export const qualityClient = new WorkerClient<QualityCalls>(() => startWorker(qualityWorkerUrl, 'quality'), 'quality');

export const ingestClient = new WorkerClient<IngestCalls, IngestProgress>(() => startWorker(ingestWorkerUrl, 'ingest'), 'ingest');

/** An ingest worker of its own, for one call: closing it drops every handle it made (see saving.ts). */
export const oneCallIngestClient = () => new WorkerClient<IngestCalls, IngestProgress>(() => startWorker(ingestWorkerUrl, 'ingest-once'), 'ingest');

export const retrieveClient = new WorkerClient<RetrieveCalls, RetrieveProgress>(() => startWorker(retrieveWorkerUrl, 'retrieve'), 'retrieve');

export const vectorDbClient = new WorkerClient<VectorDbCalls, VectorDbProgress>(() => startWorker(vectorDbWorkerUrl, 'vector-database'), 'vector-database');

export const clusterClient = new WorkerClient<ClusterCalls, ClusterProgress>(() => startWorker(clusterWorkerUrl, 'cluster'), 'cluster');
