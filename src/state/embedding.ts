// Talking to the embed worker: embedding in slices with progress (rate, time left, downloads),
// and the speed test that picks a backend and batch size on first use of a model.
import { embeddingProgress } from '../core/progress';
import type { Backend, ModelSource, Purpose, SpeedSample } from '../core/models';
import type { EmbedResult } from '../workers/embed.protocol';
import { askToAllow, modelOrigins, notYetAllowed } from './allowedHosts';
import { useOrreryStore } from './store';
import { embedClient } from './workers';
import { activeSpace } from './workspace/spaces';
import { projectRows } from '../core/snapshot/reduce';

const store = useOrreryStore;

export function downloadStatus(file: string, loaded: number, total: number): void {
  const mb = (x: number) => (x / 1e6).toFixed(1);
  const percent = total > 0 ? ` (${Math.round((100 * loaded) / total)}%)` : '';
  store.setState({ download: { file, loaded, total } });
  store.getState().setStatus('loading', `Downloading ${file}: ${mb(loaded)} / ${mb(total)} MB${percent}`, total > 0 ? { done: loaded, total } : null);
}

/** Texts per request to the embed worker: big inputs go in slices, so no one message blocks the page. */
const EMBED_SLICE = 4096;

export type Embedded = EmbedResult;

/** `quiet`: the status line is left alone and no host is asked for (a few words embedded beside other work, e.g. cluster names). */
export async function embed(
  texts: string[],
  purpose: Purpose,
  signal: AbortSignal,
  source = store.getState().modelSource,
  { quiet = false } = {},
): Promise<Embedded> {
  const { setStatus } = store.getState();
  // a model from a host this page may not reach (a workspace restored with a Hub model, say)
  const unreachable = notYetAllowed(modelOrigins(source));
  if (unreachable.length > 0) {
    // only what the user asked for asks for a host
    if (!quiet) askToAllow(unreachable, `use ${source.model.label}`, { kind: 'model', source });
    throw new Error(`${source.model.label} comes from ${unreachable[0]}, which this page may not reach yet.`);
  }
  // the backend the speed test picked, unless the user chose one
  const tunedBackend = source.backend ? undefined : tunedBackends.get(tuningKey(source));
  if (tunedBackend) source = { ...source, backend: tunedBackend };
  // the rate counts from the first finished batch, so that loading the model does not skew it
  let first: { time: number; done: number } | null = null;
  let computedBefore = 0;
  let out: Embedded | null = null;
  try {
    for (let from = 0; from < texts.length; from += EMBED_SLICE) {
      const part = texts.length <= EMBED_SLICE ? texts : texts.slice(from, from + EMBED_SLICE);
      const rest = texts.length - from - part.length;
      const result = await embedClient.request(
        'embed',
        { source, texts: part, purpose },
        {
          onEvent: (event) => {
            if (quiet) return;
            if (event.type === 'download') downloadStatus(event.file, event.loaded, event.total);
            // a single query is quick: its status stays "Searching"
            if (purpose !== 'passage' && texts.length === 1) return;
            if (event.type === 'status') setStatus('loading', event.message);
            if (event.type === 'progress') {
              // cached texts are not counted: the total is what the model still has to read
              const done = computedBefore + event.done;
              const total = computedBefore + event.total + rest;
              const now = performance.now();
              first ??= { time: now, done };
              const rate = now > first.time ? (done - first.done) / ((now - first.time) / 1000) : null;
              setStatus('embedding', embeddingProgress(done, total, rate), { done, total });
            }
          },
          signal,
        },
      );
      computedBefore += result.computed;
      if (!out) {
        out = { ...result, vectors: new Float32Array(texts.length * result.dims), tokens: new Int32Array(texts.length), truncated: 0, computed: 0 };
      }
      out.vectors.set(result.vectors, from * result.dims);
      out.tokens.set(result.tokens, from);
      out.truncated += result.truncated;
      out.computed += result.computed;
    }
    if (!out) throw new Error('nothing to embed');
    return out;
  } finally {
    if (!quiet) store.setState({ download: null });
  }
}

/** Queries as vectors of the workspace's space: the model's, projected when the workspace holds reduced vectors (a share link's). */
export async function embedQueries(texts: string[], signal: AbortSignal, purpose: Purpose = 'query'): Promise<Embedded> {
  const embedded = await embed(texts, purpose, signal);
  const { projection } = activeSpace();
  if (!projection || embedded.dims !== projection.from) return embedded;
  return { ...embedded, vectors: projectRows(projection, embedded.vectors, texts.length), dims: projection.components.length / projection.from };
}

/**
 * Inputs smaller than this are embedded with the first backend that loads and a batch of 16: the
 * speed test embeds about a hundred sentences per model worker, which on a small corpus (the demo's
 * 227 chunks) costs more time than it could save.
 */
export const SPEED_TEST_MIN_TEXTS = 1000;
const tunedBackends = new Map<string, Backend>();
const tuningKey = (source: ModelSource) => `${source.remoteHost ?? ''} ${source.model.id} ${source.dtype ?? 'auto'}`;

/**
 * The source to embed with: on first use of a model (backend and batch size left to the app), a
 * short speed test picks the backend and batch size, and the result is shown.
 */
export async function tuned(source: ModelSource, signal: AbortSignal): Promise<ModelSource> {
  if (source.backend) return source;
  const known = tunedBackends.get(tuningKey(source));
  if (known) return { ...source, backend: known };
  store.getState().setStatus('loading', `Speed test: ${source.model.label} on each backend and batch size`);
  const { speed } = await embedClient.request(
    'speed-test',
    { source },
    { onEvent: (event) => event.type === 'download' && downloadStatus(event.file, event.loaded, event.total), signal },
  );
  const best = speed[0]!;
  tunedBackends.set(tuningKey(source), best.backend);
  const { batchOverride } = store.getState();
  if (batchOverride) await configureBatch(batchOverride);
  // the result is shown in the Model panel, where the batch size can be overridden
  store.setState({ speed });
  return { ...source, backend: best.backend };
}

export function speedSummary(speed: SpeedSample[], batchOverride: number | null): string {
  const best = speed[0]!;
  const rate = (s: SpeedSample) => Math.round(1000 / s.msPerChunk);
  const others = speed
    .slice(1)
    .map((s) => `${s.backend} batch ${s.batchSize}: ${rate(s)}/s`)
    .join(', ');
  return `${best.backend.toUpperCase()}, batch ${batchOverride ?? best.batchSize}${batchOverride ? ' (yours)' : ''} — ${rate(best)} chunks/s${others ? ` (${others})` : ''}`;
}

/** Texts per inference from now on (the user's choice overrides the speed test's). */
export async function configureBatch(batchSize: number): Promise<void> {
  await embedClient.request('configure', { batchSize });
}

/** The user's batch size, or null to go back to the speed test's pick. */
export async function setBatchOverride(batchSize: number | null): Promise<void> {
  store.setState({ batchOverride: batchSize });
  const picked = store.getState().speed?.[0]?.batchSize ?? 16;
  await configureBatch(batchSize ?? picked);
}
