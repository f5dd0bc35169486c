// Tune retrieval on the loaded query set: embed its queries (cached), search the settings grid in
// the retrieval worker on a training split, keep the result with the evaluation, and apply the best
// setting on request. A task: progress in the status line, Cancel stops it.
import { MIN_TUNING_QUERIES } from '../core/retrieval/tuning';
import { corpusRef } from './corpusRef';
import { embedQueries } from './embedding';
import { denseReading } from './languageCoverage';
import { setRetrieval } from './queryActions';
import { activeOf } from './slices';
import { settle } from './status';
import { useOrreryStore as store } from './store';
import { enqueue } from './tasks';
import { retrieveClient } from './workers';
import { activeSpace, setSpaceState } from './workspace/spaces';

/** the split is seeded: tuning the same set twice gives the same answer */
const SPLIT_SEED = 1;

export function tuneRetrieval(): Promise<void> {
  return enqueue(async (signal) => {
    const { notify, setStatus } = store.getState();
    const space = activeSpace();
    const evaluation = activeOf(store.getState()).evaluation;
    if (!evaluation) {
      notify('error', 'Load an evaluation set first: tuning searches settings on its queries.');
      settle();
      return;
    }
    const count = evaluation.queries.length;
    if (count < MIN_TUNING_QUERIES) {
      notify(
        'error',
        `${evaluation.name}: ${count} ${count === 1 ? 'query is' : 'queries are'} too few to tune on: a training and a held-out split need at least ${MIN_TUNING_QUERIES}.`,
      );
      settle();
      return;
    }
    const texts = evaluation.queries.map((q) => q.text);
    setStatus('embedding', `Embedding ${count} queries`, { done: 0, total: count });
    const embedded = await embedQueries(texts, signal);
    const ref = await corpusRef(signal, space);
    const tuning = await retrieveClient.request(
      'tune',
      {
        ...ref,
        texts,
        vectors: embedded.vectors,
        relevant: evaluation.queries.map((q) => q.relevant),
        grades: evaluation.queries.map((q) => q.grades ?? null),
        settings: store.getState().retrieval,
        reading: denseReading(),
        seed: SPLIT_SEED,
      },
      {
        signal,
        onEvent: (event) =>
          store.getState().setStatus('querying', `Tuning retrieval on ${count} queries ${Math.round((100 * event.done) / event.total)}%`, event),
      },
    );
    const latest = activeOf(store.getState()).evaluation;
    if (latest) setSpaceState(space.id, { evaluation: { ...latest, tuning } });
    notify(
      'info',
      `Tuned on ${tuning.trainQueries} queries of ${evaluation.name}, ${tuning.gridSize} settings: held-out MRR ${tuning.best.heldOut.rr.toFixed(2)} against ${tuning.current.heldOut.rr.toFixed(2)} now.`,
    );
    settle();
  });
}

/** Answers from now on with the tuned setting (top k stays the user's). */
export function applyTuning(): Promise<void> {
  const tuning = activeOf(store.getState()).evaluation?.tuning;
  if (!tuning) return Promise.resolve();
  const { retriever, weights, bm25, mmr } = tuning.best.settings;
  return setRetrieval({ retriever, weights, bm25, mmr });
}
