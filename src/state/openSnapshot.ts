// Opening a share link, a snapshot file or a #url= address: the view restored with nothing
// embedded; nothing is fetched except the app's own demo corpus (when the link refers to it) or the
// address of a #url= link. A bad one is named and changes nothing; the workspace it replaces is kept.
import type { ChunkTable, SourceDocument } from '../core/corpus';
import { chunkingFrom, layoutParamsFrom, retrievalFrom } from '../core/settingsFrom';
import { reopenLab } from './labActions';
import { DEFAULT_RETRIEVAL } from '../core/retrieval/retrieve';
import { decodeSnapshot, SnapshotError, type ViewSnapshot } from '../core/snapshot/codec';
import { drain } from '../core/snapshot/bytes';
import { snapshotCorpus } from '../core/snapshot/restoreCorpus';
import { hostOrigin } from '../core/csp';
import { askToAllow, notYetAllowed } from './allowedHosts';
import { commitWorkspace } from './workspace/commit';
import { activeSpace } from './workspace/spaces';
import { restoreKeptWorkspace } from './persist';
import { keepSavedWorkspace } from './saving';
import { setOpenChunk } from './queryActions';
import { settle } from './status';
import { setWaitingForHost } from './addressFollow';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { setSelection, setSearch } from './viewActions';
import { demoTable, hashOf } from './corpusIdentity';
import { MAX_SNAPSHOT_FILE_BYTES } from './shareActions';

const store = useOrreryStore;

/** The chunks a snapshot names: carried in it, or a corpus this page holds with the same content hash. */
async function corpusOf(snapshot: ViewSnapshot): Promise<{ documents: SourceDocument[]; table: ChunkTable }> {
  const { corpus } = snapshot;
  if (corpus.kind === 'carried') return snapshotCorpus(corpus.sources, corpus.texts, corpus.sourceIds);
  if (activeSpace().table.texts.length === corpus.count && (await hashOf(activeSpace().table)) === corpus.hash)
    return { documents: activeSpace().documents, table: activeSpace().table };
  if (corpus.demo) {
    const demo = await demoTable(chunkingFrom(snapshot.chunking));
    if (demo.hash === corpus.hash) return demo;
    throw new SnapshotError(
      `it refers to the demo corpus as another Orrery version or model chunks it (${corpus.count} chunks there, ${demo.table.texts.length} here)`,
    );
  }
  throw new SnapshotError(
    `it refers to a corpus of ${corpus.count.toLocaleString('en')} chunks that this workspace does not hold (content hash ${corpus.hash}). Load the same files with the same chunking, then open the link again`,
  );
}

/** Applies a decoded snapshot to the workspace. */
async function applySnapshot(snapshot: ViewSnapshot, documents: SourceDocument[], table: ChunkTable): Promise<void> {
  const dims = snapshot.vectors?.dims ?? 0;
  // a corpus this page holds keeps its own vectors (full precision) where the link's are none or the same model's
  const { vectors } = snapshot;
  const sameSpace =
    vectors !== null && !vectors.projection && vectors.dims === activeSpace().dims && snapshot.model.id === store.getState().modelSource.model.id;
  const ownVectors = table === activeSpace().table && activeSpace().dims > 0 && (!vectors || sameSpace);
  const params = layoutParamsFrom(snapshot.layout.params);
  store.setState({
    retrieval: snapshot.query ? retrievalFrom(snapshot.query.retrieval) : DEFAULT_RETRIEVAL,
    queryText: snapshot.query?.vector ? snapshot.query.text : '',
    colourMode: snapshot.colour.mode,
    colourColumn: snapshot.colour.column,
  });
  // the sender's filters hold before the query is answered among the rows they keep
  store.setState((s) => ({ filters: snapshot.filters ?? [], clusterSettings: snapshot.clusterSettings ?? s.clusterSettings }));
  // the sender's layout, clusters and gold marks come with the data: no new run of either
  await commitWorkspace({
    ...(ownVectors
      ? {
          corpus: { documents, table, vectors: activeSpace().vectors, dims: activeSpace().dims },
          made: { projection: activeSpace().projection, queryVector: sameSpace ? (snapshot.query?.vector ?? null) : null },
        }
      : {
          corpus: { documents, table, vectors: snapshot.vectors?.data ?? new Float32Array(0), dims },
          made: { queryVector: snapshot.query?.vector ?? null, projection: snapshot.vectors?.projection ?? null },
        }),
    layout: { params, result: { coords: snapshot.layout.coords, pca: null, explained: [], notes: [] } },
    clusters: snapshot.clusters ? { ...snapshot.clusters, note: 'Clusters as the link’s sender saw them.' } : undefined,
    goldMarks: snapshot.goldMarks,
  });
  // tags name rows of the table just committed
  store.setState({
    tags: snapshot.tags ?? {},
    hiddenGroups: snapshot.colour.hidden,
    cameraRestore: { version: store.getState().cameraRestore.version + 1, camera: snapshot.camera },
  });
  setOpenChunk(snapshot.selected);
  if (snapshot.chosen.length > 0) setSelection(snapshot.chosen, 'Shared selection');
  if (snapshot.search) setSearch(snapshot.search);
}

/** What the receiver is told about the view just opened: what it holds, and what a query can do with it. */
function openedNote(snapshot: ViewSnapshot, count: number, sources: number): string {
  const { model, vectors, corpus } = snapshot;
  const current = store.getState().modelSource.model;
  const what =
    corpus.kind === 'carried'
      ? `${count.toLocaleString('en')} chunks from ${sources} sources`
      : `${count.toLocaleString('en')} chunks of ${corpus.demo ? 'the demo corpus' : 'the corpus you hold'} (referenced by its content hash, not carried)`;
  const space = !vectors
    ? activeSpace().dims > 0
      ? ''
      : ' It carries no vectors: the picture, clusters and results are the sender’s; a new query offers to embed the chunks.'
    : vectors.projection
      ? ` Its vectors are reduced to ${vectors.dims} dimensions by PCA; queries are embedded by ${current.label} and projected the same way.`
      : '';
  const otherModel =
    model.id !== current.id
      ? ` It was made with ${model.id}; queries you type now are embedded by ${current.id}${vectors && (vectors.projection?.from ?? vectors.dims) !== current.dims ? `, whose vectors (${current.dims}-d) do not match these` : ''}.`
      : '';
  const { prefixes } = model;
  const otherPrefixes =
    !otherModel && prefixes && (prefixes.query !== current.queryPrefix || prefixes.passage !== current.passagePrefix)
      ? ` The sender's prefixes were “${prefixes.query}” (queries) and “${prefixes.passage}” (passages); yours are “${current.queryPrefix}” and “${current.passagePrefix}”.`
      : '';
  return `Opened a shared view: ${what}, nothing embedded or downloaded.${space}${otherModel}${otherPrefixes}`;
}

/**
 * Opens a snapshot (a link's fragment, or a file's text); a bad one is said, naming `from`, and
 * changes nothing. The workspace it replaces is kept aside, with an offer to bring it back.
 */
async function openSnapshot(text: string, from: string): Promise<boolean> {
  const refuse = (why: string) => store.getState().notify('error', `${from} cannot be opened: ${why}. Your workspace is as it was.`);
  let snapshot: ViewSnapshot;
  let corpus: { documents: SourceDocument[]; table: ChunkTable };
  try {
    snapshot = await decodeSnapshot(text);
    corpus = await corpusOf(snapshot);
  } catch (error) {
    refuse(error instanceof SnapshotError ? error.message : `it could not be read (${(error as Error).message})`);
    return false;
  }
  // the saved workspace, loaded or not (a link opened at start comes before any restore), is kept aside
  const kept = await keepSavedWorkspace();
  await applySnapshot(snapshot, corpus.documents, corpus.table);
  settle();
  const note = openedNote(snapshot, corpus.table.texts.length, corpus.table.sources.length);
  const bringBack = { label: 'Bring back my workspace', run: () => void restoreKeptWorkspace() };
  store.getState().notify('info', kept > 0 ? `${note} Your workspace before it (${kept} chunks) is kept.` : note, kept > 0 ? bringBack : undefined);
  // the model lab's space B is made again, in its own task after this one
  if (snapshot.lab) void reopenLab(snapshot.lab);
  return true;
}

/** Runs an opening in the task queue (after any work in flight, cancellable); resolves true when a view was restored. */
function openInTurn(open: (signal: AbortSignal) => Promise<boolean>): Promise<boolean> {
  let opened = false;
  return enqueue(async (signal) => {
    opened = await open(signal);
    if (!opened) settle();
  }).then(() => opened);
}

/** Restores a view from a share link's fragment ("#o2.…"). */
export function openShareLink(fragment: string): Promise<boolean> {
  return openInTurn(() => openSnapshot(fragment, 'This share link'));
}

/** A dropped or picked snapshot file. */
export function openSnapshotFile(file: File): Promise<boolean> {
  return openInTurn(async () => {
    if (file.size > MAX_SNAPSHOT_FILE_BYTES) {
      store
        .getState()
        .notify(
          'error',
          `${file.name} cannot be opened: it is ${(file.size / 2 ** 20).toFixed(0)} MB, more than the ${MAX_SNAPSHOT_FILE_BYTES / 2 ** 20} MB a snapshot file may be. Your workspace is as it was.`,
        );
      return false;
    }
    store.getState().setStatus('loading', `Opening ${file.name}`);
    return openSnapshot((await file.text()).trim(), file.name);
  });
}

/** The address a "#url=" fragment names (absolute, or relative to this page). */
export function snapshotAddress(fragment: string): string | null {
  const raw = fragment.replace(/^#?url=/, '');
  try {
    const url = new URL(decodeURIComponent(raw), location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Loads a snapshot file from the address in a "#url=" link: the one network request a link may make, and only where the user allows its host. */
export function openSnapshotUrl(fragment: string): Promise<boolean> {
  setWaitingForHost(false);
  return openInTurn(async (signal) => {
    const address = snapshotAddress(fragment);
    const from = `The snapshot at ${address ?? fragment.replace(/^#?url=/, '').slice(0, 200)}`;
    const refuse = (why: string) => (store.getState().notify('error', `${from} cannot be opened: ${why}. Your workspace is as it was.`), false);
    if (!address) return refuse('this is not an http or https address');
    const origin = hostOrigin(address);
    if (origin !== location.origin && notYetAllowed([origin]).length > 0) {
      // its address must stay for the reload that allowing the host brings
      setWaitingForHost(true);
      askToAllow([origin], `load the snapshot at ${address}`);
      return false;
    }
    store.getState().setStatus('loading', `Loading the snapshot from ${new URL(address).host}`);
    let response: Response;
    try {
      response = await fetch(address, { signal, credentials: 'omit' });
    } catch (error) {
      if (signal.aborted) throw error;
      return refuse(`it could not be reached (${(error as Error).message})`);
    }
    if (!response.ok) return refuse(`the server answered HTTP ${response.status}`);
    const tooLarge = (size: string) => refuse(`it is too large (${size}; a snapshot file may be ${MAX_SNAPSHOT_FILE_BYTES / 2 ** 20} MB)`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > MAX_SNAPSHOT_FILE_BYTES) return tooLarge(`${(declared / 2 ** 20).toFixed(0)} MB`);
    let bytes: Uint8Array;
    try {
      const progress = (done: number) =>
        store.getState().setStatus('loading', `Loading the snapshot: ${(done / 2 ** 20).toFixed(1)} MB`, declared > 0 ? { done, total: declared } : null);
      bytes = await drain(response.body!, MAX_SNAPSHOT_FILE_BYTES, progress);
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof RangeError) return tooLarge(`more than ${MAX_SNAPSHOT_FILE_BYTES / 2 ** 20} MB`);
      return refuse(`it could not be read to its end (${(error as Error).message})`);
    }
    return openSnapshot(new TextDecoder().decode(bytes).trim(), from);
  });
}
