// Share links and snapshot files: the view (corpus or its content hash, vectors, layout, camera,
// query, gold marks, selection, clusters, colours, search) packed into the URL's fragment, which
// never reaches a server, or into a file for views too big for a link. openSnapshot.ts opens them.
import { activeOf } from './slices';
import { encodeSnapshot, type SnapshotCorpus, type ViewSnapshot } from '../core/snapshot/codec';
import { projectRows, REDUCED_DIMS } from '../core/snapshot/reduce';
import { hashOf, isDemo } from './corpusIdentity';
import { activeSpace } from './workspace/spaces';
import { labToCarry } from './labSpace';
import { useOrreryStore } from './store';
import { shareVectors } from './vectorSync';
import { layoutClient } from './workers';
import { asFloat32 } from '../core/vectors';

const store = useOrreryStore;
/** what Chromium's address bar shows; chat apps cut long messages well before Chromium's 2 MiB */
export const COMFORTABLE_LINK_BYTES = 32 * 1024;
/** the largest snapshot file (dropped, or loaded from a #url= address) this page reads */
export const MAX_SNAPSHOT_FILE_BYTES = 48 * 1024 * 1024;
export const SNAPSHOT_FILE_EXTENSION = '.orrery';

/** What a link carries: the vectors in full (int8), reduced by PCA, or not at all; the chunks, or only their content hash. */
export interface ShareOptions {
  vectors: 'int8' | 'reduced' | 'none';
  /** 'referenced' leaves the chunks out for a receiver who holds the same corpus (the demo always is) */
  texts: 'carried' | 'referenced';
}
export const DEFAULT_SHARE: ShareOptions = { vectors: 'int8', texts: 'carried' };

/** The view now, as the codec takes it. */
export async function snapshotOfView(options: ShareOptions = DEFAULT_SHARE): Promise<ViewSnapshot> {
  const s = store.getState();
  const { table } = activeSpace();
  const count = table.texts.length;
  const clustered = activeSpace().clusterLabels.length === count && count > 0;
  const hash = await hashOf(table);
  const demo = await isDemo(hash);
  const corpus: SnapshotCorpus =
    demo || options.texts === 'referenced'
      ? { kind: 'referenced', hash, count, demo }
      : { kind: 'carried', sources: table.sources, texts: table.texts, sourceIds: table.sourceIds };
  let vectors: ViewSnapshot['vectors'] = null;
  let queryVector = activeSpace().queryVector;
  if (options.vectors !== 'none' && activeSpace().dims > 0) {
    vectors = { dims: activeSpace().dims, data: asFloat32(activeSpace().vectors), projection: activeSpace().projection };
    // vectors already reduced (a shared view shared on) stay as they are
    if (options.vectors === 'reduced' && !activeSpace().projection) {
      // in the layout worker, which holds the vectors: a PCA of a large corpus takes seconds
      const vectorsId = await shareVectors(layoutClient, activeSpace().id, activeSpace().vectors, count, activeSpace().dims);
      vectors = await layoutClient.request('reduce', { vectorsId, components: REDUCED_DIMS });
      queryVector = queryVector && projectRows(vectors.projection!, queryVector, 1);
    }
  }
  return {
    model: { id: s.modelSource.model.id, dtype: s.dtype, prefixes: { query: s.modelSource.model.queryPrefix, passage: s.modelSource.model.passagePrefix } },
    chunking: { ...s.chunking },
    corpus,
    layout: { params: { ...activeOf(s).layoutParams } as unknown as ViewSnapshot['layout']['params'], coords: activeSpace().coords },
    vectors,
    camera: s.camera,
    query: s.queryText ? { text: s.queryText, vector: vectors ? queryVector : null, retrieval: { ...s.retrieval } } : null,
    goldMarks: s.goldMarks,
    selected: s.openChunk,
    chosen: s.selection,
    clusters: clustered ? { labels: activeSpace().clusterLabels, names: activeOf(s).clusters.map((c) => c.terms) } : null,
    colour: { mode: s.colourMode, column: s.colourColumn, hidden: s.hiddenGroups },
    search: s.searchText,
    lab: labToCarry(),
    filters: s.filters,
    tags: s.tags,
    clusterSettings: s.clusterSettings,
  };
}

/** The page's address with this fragment (or none). */
export const pageAddress = (fragment = ''): string => `${location.origin}${location.pathname}${fragment ? `#${fragment}` : ''}`;

/** counts the links asked for: only the latest is shown */
let making = 0;

/** Makes the share link of the view now and keeps it (with its size and its snapshot, for a file) for the Share panel; false when it could not. */
export async function makeShareLink(options: ShareOptions = DEFAULT_SHARE): Promise<boolean> {
  if (activeSpace().table.texts.length === 0) return false;
  const mine = ++making;
  try {
    const snapshot = await snapshotOfView(options);
    const fragment = await encodeSnapshot(snapshot);
    // a link asked for since (other options, newer work) is the one to show
    if (mine !== making) return true;
    const url = pageAddress(fragment);
    store.setState({
      shareLink: {
        url,
        bytes: new TextEncoder().encode(url).length,
        fragment,
        referenced: snapshot.corpus.kind === 'referenced',
        demo: snapshot.corpus.kind === 'referenced' && snapshot.corpus.demo,
      },
    });
    return true;
  } catch (error) {
    store.getState().notify('error', `The share link could not be made: ${(error as Error).message}`);
    return false;
  }
}
