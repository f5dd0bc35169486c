// The big arrays live here, outside reactive state, one set per space; the store's versions say when
// they change. A space is the corpus as one model, precision and chunking made it: its chunks, vectors,
// layout and clusters. Everything derived from them is keyed by the space's id, so a second space of
// the same corpus (the model lab's) is more data, not more code.
import { type ChunkTable, EMPTY_TABLE, type SourceDocument } from '../../core/corpus';
import type { PcaModel } from '../../core/pca';
import type { Projection } from '../../core/snapshot/reduce';
import { rowNorms, type VectorRows } from '../../core/vectors';

export type SpaceId = string;

/** The space the workspace starts with; the one a corpus is added to. */
export const FIRST_SPACE: SpaceId = 'a';

export interface Space {
  id: SpaceId;
  /** bumps whenever the space's data changes: work begun on an older version is stale */
  version: number;
  /** what was added, as parsed: chunking them again needs no file (the same documents in every space) */
  documents: SourceDocument[];
  table: ChunkTable;
  /** N×dims, in the order of table.texts: float32, or float16 where float32 would not fit */
  vectors: VectorRows;
  dims: number;
  /** N×3 layout coordinates */
  coords: Float32Array;
  pca: PcaModel | null;
  /** per point: fraction of its true neighbours that are also its layout neighbours */
  recall: Float32Array | null;
  /** 1 where a chunk was placed into the layout (projection or neighbours) rather than laid out */
  placed: Uint8Array;
  /** cluster of each chunk (−1 unclustered); empty until clustered */
  clusterLabels: Int32Array;
  /** set when the vectors are a PCA reduction of the model's (from a share link): queries are projected the same way */
  projection: Projection | null;
  /** chunks matching the text search (1), or null when there is none */
  searchMatches: Uint8Array | null;
  /** the last query's vector and its place in the layout */
  queryVector: Float32Array | null;
  queryCoords: Float32Array | null;
}

/** A space's arrays before any data (the id and version are the space's own). */
export type SpaceData = Omit<Space, 'id' | 'version'>;

export const emptySpaceData = (): SpaceData => ({
  documents: [],
  table: EMPTY_TABLE,
  vectors: new Float32Array(0),
  dims: 0,
  coords: new Float32Array(0),
  pca: null,
  recall: null,
  placed: new Uint8Array(0),
  clusterLabels: new Int32Array(0),
  projection: null,
  searchMatches: null,
  queryVector: null,
  queryCoords: null,
});

// Each space is one object for its life: its fields are replaced, so work holding it sees the new data
// and checks `version` to know it is stale.
const spaces = new Map<SpaceId, Space>([[FIRST_SPACE, { id: FIRST_SPACE, version: 0, ...emptySpaceData() }]]);

/** The space with this id (a bug when there is none). */
export function spaceOf(id: SpaceId): Space {
  const space = spaces.get(id);
  if (!space) throw new Error(`there is no space ${id}`);
  return space;
}

export const spaceIds = (): SpaceId[] => [...spaces.keys()];

/** A new, empty space (or the one already under this id). */
export function addSpace(id: SpaceId): Space {
  let space = spaces.get(id);
  if (!space) spaces.set(id, (space = { id, version: 0, ...emptySpaceData() }));
  return space;
}

/** Forgets a space (the first one stays); work still holding it finds it a version on, so stale. */
export function removeSpace(id: SpaceId): void {
  const space = spaces.get(id);
  if (!space || id === FIRST_SPACE) return;
  space.version++;
  spaces.delete(id);
}

const normsCache = new WeakMap<VectorRows, Float32Array>();

/**
 * Each row's length, worked out when first asked for and kept per vectors array: at commit it held up
 * the first picture (0.4 s of the page's thread at a million rows), and the page needs them only to
 * place a query or rows added beside a layout (dense search has its own, in its worker).
 */
export function normsOf({ vectors, dims }: Pick<Space, 'vectors' | 'dims'>): Float32Array {
  let norms = normsCache.get(vectors);
  if (!norms || norms.length * dims !== vectors.length) normsCache.set(vectors, (norms = rowNorms(vectors, dims)));
  return norms;
}

/** The norms of `vectors` worked out again when next asked for (a commit may bring the same array with new rows in it). */
export const forgetNorms = (vectors: VectorRows): boolean => normsCache.delete(vectors);
