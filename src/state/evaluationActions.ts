// Evaluation on a query set: read and match it (retrieval worker), embed its queries in batches,
// rank every chunk for each query under each retriever and vector variant, then look at the
// corpus's health for that set. A task: progress in the status line, Cancel stops it.
import { CancelledError } from '../core/batching';
import { denseReading, languageReport, splitUnreadablePairs } from './languageCoverage';
import { joinQuerySetFiles } from '../core/retrieval/beirQuerySet';
import { chunkIds } from '../core/retrieval/querySet';
import type { VectorVariant } from '../core/retrieval/quantize';
import { activeSpace, setSpaceState } from './workspace/spaces';
import { embedQueries } from './embedding';
import { runQuery, setGold } from './queryActions';
import { corpusRef } from './corpusRef';
import { activeOf, type CorpusHealth } from './slices';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { retrieveClient } from './workers';

const store = useOrreryStore;
const DUPLICATE_THRESHOLD = 0.95;
/** Without a minimum score, a query whose best cosine is below this finds nothing close. */
const NO_HIT_COSINE = 0.3;

/** The what-ifs evaluated beside full float vectors: int8, binary, and a Matryoshka cut the model was trained for. */
function variants(dims: number): VectorVariant[] {
  const { model } = store.getState().modelSource;
  const cut = model.matryoshka?.find((d) => d < dims);
  return [
    { type: 'int8', dims: null, layerNorm: false },
    { type: 'binary', dims: null, layerNorm: false },
    ...(cut ? [{ type: 'float' as const, dims: cut, layerNorm: model.matryoshkaLayerNorm ?? false }] : []),
  ];
}

function progress(what: string) {
  return (event: { done: number; total: number }) =>
    store.getState().setStatus('querying', `${what} ${Math.round((100 * event.done) / event.total)}%`, { done: event.done, total: event.total });
}

/** Evaluates a query set: one file, or BEIR's queries.jsonl and qrels chosen together. */
export function evaluateQuerySet(files: File[]): Promise<void> {
  return enqueue(async (signal) => {
    const { notify, setStatus } = store.getState();
    // the query set is evaluated on the space on screen, and its result kept with that space
    const space = activeSpace();
    const names = files.map((f) => f.name).join(' + ');
    if (space.table.texts.length === 0) {
      notify('error', `${names}: load a corpus before evaluating a query set on it.`);
      settle();
      return;
    }
    setStatus('loading', `Reading the query set ${names}`);
    const ref = await corpusRef(signal, space);
    const ids = chunkIds(space.table, space.documents);
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    const joined = (() => {
      try {
        return joinQuerySetFiles(read);
      } catch (error) {
        throw new Error(`${names}: ${(error as Error).message}.`, { cause: error });
      }
    })();
    const { name, text } = joined;
    const { queries, notes } = await retrieveClient.request('query-set', { textsId: ref.textsId, name, text, ids }, { signal }).catch((error: unknown) => {
      throw error instanceof CancelledError ? error : new Error(`${name}: ${(error as Error).message}.`);
    });
    notes.unshift(...joined.notes);
    if (queries.length === 0) throw new Error(`${name}: no query could be matched to a chunk of this workspace (${notes.join('; ')}).`);
    const texts = queries.map((q) => q.text);
    setStatus('embedding', `Embedding ${texts.length} queries`, { done: 0, total: texts.length });
    const embedded = await embedQueries(texts, signal);
    const { model } = store.getState().modelSource;
    const cut = Array.from(embedded.tokens).filter((t) => t > model.maxTokens).length;
    if (cut > 0)
      notes.push(
        `${cut} ${cut === 1 ? 'query is' : 'queries are'} longer than ${model.label}'s ${model.maxTokens}-token input and ${cut === 1 ? 'was' : 'were'} cut for dense search`,
      );
    const { retrieval } = store.getState();
    const evaluation = await retrieveClient.request(
      'evaluate',
      {
        ...ref,
        texts,
        vectors: embedded.vectors,
        relevant: queries.map((q) => q.relevant),
        grades: queries.map((q) => q.grades ?? null),
        retrieved: queries.map((q) => q.retrieved ?? null),
        settings: retrieval,
        variants: variants(space.dims),
        reading: denseReading(),
      },
      { onEvent: progress(`Evaluating ${queries.length} queries`), signal },
    );
    const duplicates = await retrieveClient.request(
      'duplicates',
      { ...ref, threshold: DUPLICATE_THRESHOLD, limit: 50 },
      { onEvent: progress('Looking for near-duplicate chunks'), signal },
    );
    const blind = languageReport()?.warning;
    if (blind) notes.push(blind.replace(/\.$/, ''));
    setSpaceState(space.id, {
      evaluation: {
        name,
        text,
        queries,
        rows: evaluation.rows,
        notes,
        health: health(
          space.table.texts.length,
          evaluation.answers,
          evaluation.bestScores,
          splitUnreadablePairs(duplicates.pairs, space.table.texts),
          retrieval.minScore,
        ),
        elapsedMs: evaluation.elapsedMs,
      },
    });
    for (const note of notes) notify('info', `${name}: ${note}.`);
    const dense = evaluation.rows.find((r) => r.name === 'dense')!;
    notify(
      'info',
      `Evaluated ${queries.length} queries from ${name}: dense hit@5 ${dense.mean.hit5.toFixed(2)}, MRR ${dense.mean.rr.toFixed(2)} (all retrievers in the Evaluation table).`,
    );
    settle();
  });
}

/** Orphans and hubs from the answers, queries with no close chunk, and near-duplicates. */
function health(
  count: number,
  answers: Int32Array[],
  bestScores: Float32Array,
  { duplicates, unreadable }: { duplicates: [number, number, number][]; unreadable: number },
  minScore: number | null,
): CorpusHealth {
  const times = new Int32Array(count);
  for (const answer of answers) for (const i of answer) times[i]!++;
  const orphans: number[] = [];
  const hubs: [number, number][] = [];
  times.forEach((n, i) => (n === 0 ? orphans.push(i) : hubs.push([i, n])));
  hubs.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const noHitThreshold = minScore ?? NO_HIT_COSINE;
  const noHit: number[] = [];
  bestScores.forEach((score, q) => score < noHitThreshold && noHit.push(q));
  return { orphans, hubs: hubs.slice(0, 10), duplicates, duplicateThreshold: DUPLICATE_THRESHOLD, unreadablePairs: unreadable, noHit, noHitThreshold };
}

/** Opens an evaluated query's retrieval path: runs it with its relevant chunks marked as gold. */
export function openEvaluatedQuery(row: number): Promise<void> {
  const query = activeOf(store.getState()).evaluation?.queries[row];
  if (!query) return Promise.resolve();
  setGold(query.text, query.relevant);
  return runQuery(query.text);
}
