// The big arrays live here, outside reactive state; the store's version numbers say when they change.
import { type ChunkTable, EMPTY_TABLE, type SourceDocument } from '../../core/corpus';
import type { PcaModel } from '../../core/pca';
import type { Projection } from '../../core/snapshot/reduce';

export interface Workspace {
  /** what was added, as parsed: chunking them again needs no file */
  documents: SourceDocument[];
  table: ChunkTable;
  /** N×dims, in the order of table.texts */
  vectors: Float32Array;
  norms: Float32Array;
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

export const emptyWorkspace = (): Workspace => ({
  documents: [],
  table: EMPTY_TABLE,
  vectors: new Float32Array(0),
  norms: new Float32Array(0),
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

export const workspace: Workspace = emptyWorkspace();
