// Switching model: load it first (downloading if needed), so that a failure leaves the current
// model and vectors in place; then re-embed every chunk (cached vectors are reused) and the last
// query, lay the new vectors out and commit them.
import type { ModelSource } from '../core/models';
import { askToAllow, modelOrigins, notYetAllowed } from './allowedHosts';
import { layOutAndCommit, offerRechunk } from './corpusActions';
import { embedCorpus } from './embedCorpus';
import { activeSpace } from './workspace/spaces';
import { downloadStatus, embed } from './embedding';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { embedClient } from './workers';

const store = useOrreryStore;

export function switchModel(source: ModelSource): Promise<void> {
  let missing: string[];
  try {
    missing = notYetAllowed(modelOrigins(source));
  } catch (error) {
    store.getState().notify('error', `The model mirror ${source.remoteHost}: ${(error as Error).message}.`);
    return Promise.resolve();
  }
  if (missing.length > 0) {
    askToAllow(missing, `download ${source.model.label}`, { kind: 'model', source });
    return Promise.resolve();
  }
  return enqueue(async (signal) => {
    store.getState().setStatus('loading', `Loading model ${source.model.label}`);
    const loaded = await embedClient
      .request('load', { source }, { onEvent: (event) => event.type === 'download' && downloadStatus(event.file, event.loaded, event.total), signal })
      .finally(() => store.setState({ download: null }));
    const previous = store.getState().modelSource.model;
    const count = activeSpace().table.texts.length;
    if (count === 0) {
      store.setState({ modelSource: source, loadedDims: loaded.dims, backend: loaded.backend, dtype: loaded.dtype });
      store.getState().notify('info', `${source.model.label} is ready (${loaded.dims}-d, ${loaded.dtype}, ${loaded.backend}).`);
      settle();
      return;
    }
    const { corpus, made } = await embedCorpus(activeSpace().documents, activeSpace().table, signal, source);
    const { queryText } = store.getState();
    // imported vectors of another size cannot be queried with this model (runQuery says so)
    const queryVector = queryText && loaded.dims === corpus.dims ? (await embed([queryText], 'query', signal, source)).vectors : null;
    if (loaded.dims !== corpus.dims) {
      store
        .getState()
        .notify(
          'info',
          `${source.model.label} makes ${loaded.dims}-d vectors; the imported vectors have ${corpus.dims}: queries need a ${corpus.dims}-d model.`,
        );
    }
    await layOutAndCommit(
      corpus,
      { ...made, engine: made.engine ?? { backend: loaded.backend, dtype: loaded.dtype }, modelSource: source, queryVector },
      signal,
    );
    const { importedCount } = store.getState();
    store
      .getState()
      .notify(
        'info',
        `Now showing ${source.model.label} vectors (${corpus.dims}-d): ${made.computed} of ${count - importedCount} chunks embedded, the rest from the cache${importedCount > 0 ? ' (imported vectors kept)' : ''}.`,
      );
    if (source.model.maxTokens < previous.maxTokens) offerRechunk();
  });
}
