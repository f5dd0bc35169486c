// The app's two workers, started lazily on first use.
import { WorkerClient } from '../workers/rpc';
import type { EmbedEvent, EmbedRequest } from '../workers/embed.protocol';
import type { IngestEvent, IngestRequest } from '../workers/ingest.protocol';
import type { LayoutEvent, LayoutRequest } from '../workers/layout.protocol';
import type { QualityEvent, QualityRequest } from '../workers/quality.protocol';

export const embedClient = new WorkerClient<EmbedRequest, EmbedEvent>(
  () => new Worker(new URL('../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' }),
);

export const layoutClient = new WorkerClient<LayoutRequest, LayoutEvent>(
  () => new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }),
);

export const qualityClient = new WorkerClient<QualityRequest, QualityEvent>(
  () => new Worker(new URL('../workers/quality.worker.ts', import.meta.url), { type: 'module', name: 'quality' }),
);

export const ingestClient = new WorkerClient<IngestRequest, IngestEvent>(
  () => new Worker(new URL('../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
);
