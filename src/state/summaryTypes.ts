// The shape of window.__orrery (see DESIGN.md): what tests and scripts may read of the app.
import type { sceneReport } from './sceneReport';
import type { ChunkOptions } from '../core/chunking';

export interface Standing {
  rank: number | null;
  score: number | null;
}

export interface SummaryHit {
  index: number;
  rank: number;
  score: number;
  source: string;
  text: string;
  tokens: number;
  foundBy: string;
  dense: Standing;
  bm25: Standing;
  hybrid: Standing;
}

/** a saved workspace's vectors: in the IndexedDB entry itself, as a Blob there, or in a file of the origin's own */
export type VectorsIn = 'entry' | 'blob' | 'file';

export interface OrrerySummary {
  phase: string;
  message: string;
  chunkCount: number;
  sourceCount: number;
  dims: number;
  /** the space on screen, and every space of the corpus (the model lab adds more): what made each, and its size */
  activeSpace: string;
  spaces: { id: string; model: string; precision: string | null; chunking: ChunkOptions; pooling?: string; dims: number; chunks: number; version: number }[];
  model: string;
  modelHost: string | null;
  dtype: string | null;
  backend: string | null;
  layoutMethod: string;
  layoutDims: number;
  layoutRunning: boolean;
  placement: string;
  placedCount: number;
  quality: { k: number; meanRecall: number; recallRows: number; trustworthiness: number; trustRows: number } | null;
  explainedVariance: number[];
  query: {
    text: string;
    k: number;
    retriever: string;
    /** why the query was ranked by BM25 alone (no model here makes vectors of this space), else null */
    keywordsOnly: string | null;
    variant: string;
    /** the answer within the cut: rank and score in the answering retriever, and each retriever's standing */
    results: SummaryHit[];
    /** the next ranks, drawn faintly beyond the cut */
    beyond: SummaryHit[];
    /** each retriever's own top k */
    byRetriever: Record<string, { index: number; rank: number; score: number }[]> | null;
    /** the gold chunks marked for this query, each with its standing under every retriever */
    gold: { index: number; dense: Standing; bm25: Standing; hybrid: Standing; answerRank: number | null; similarity: number; outrankedBy: number[] }[];
    /** the query's tokens when the model cuts it, else null */
    tokens: number | null;
    comparison: { label: string; indices: number[] } | null;
    history: string[];
  };
  /** the last evaluation: per retriever (and vector variant) hit@1/3/5/10, MRR and nDCG@10 */
  evaluation: {
    name: string;
    queries: number;
    table: { retriever: string; hit1: number; hit3: number; hit5: number; hit10: number; mrr: number; ndcg10: number }[];
    notes: string[];
    health: { orphans: number; hubs: [number, number][]; duplicates: [number, number, number][]; unreadablePairs: number; noHit: number[] };
  } | null;
  /** the open chunk (the one whose text and neighbours are shown) */
  openChunk: number | null;
  /** the open chunk, by its earlier name */
  selected: number | null;
  neighbours: { index: number; rank: number; score: number }[];
  notices: string[];
  sources: { name: string; format: string; chunks: number }[];
  chunking: { strategy: string; size: number; overlap: number };
  /** texts the model embedded in this session; cached and imported ones are not counted */
  embeddedCount: number;
  importedCount: number;
  /** chunks longer than the model's input */
  overLimit: number;
  restored: boolean;
  /** bumps on every commit of the corpus (documents, chunks or vectors) */
  corpusVersion: number;
  /** what the scene drew: the retrieval path's lines (rank, chunk, width in pixels, faint below the cut) */
  scene: typeof sceneReport;
  /** corpus vectors sent to the layout and quality workers: once per version and worker; bytes copied are 0 when the page shares memory */
  vectorTransfers: { sends: number; bytesCopied: number };
  /** clusters of the full-dimension vectors, largest first; `running` while they are computed */
  clusters: {
    method: string | null;
    running: boolean;
    /** they are of the active space's data as it is now (not an earlier version's) */
    current: boolean;
    items: { id: number; size: number; terms: string[] }[];
    unclustered: number;
    silhouette: number | null;
    /** the modularity that picked k (k-means with k left empty) */
    modularity: number | null;
    /** the dimensions UMAP reduced the vectors to before clustering (null: clustered on the full vectors) */
    reducedDims: number | null;
    /** the points the clusters were fitted on when they were a seeded sample (the rest joined their nearest sampled points' clusters); null: all */
    fittedOn: number | null;
    /** names by c-TF-IDF's word counts, or chosen among its candidates by the model (closest to each cluster's centroid) */
    namedBy: 'words' | 'meaning' | null;
    /** the finer level's clusters (labels that deepen with zoom); 0 until found */
    parts: number;
    minClusterSize: number | null;
    notes: string[];
  };
  /** Tune retrieval's last search on the loaded query set (null before one) */
  tuning: {
    gridSize: number;
    trainQueries: number;
    heldOutQueries: number;
    best: { retriever: string; weights: { dense: number; bm25: number }; bm25: { k1: number; b: number }; mmr: { on: boolean; lambda: number } };
    train: { current: number; best: number };
    heldOut: { current: number; best: number };
    delta: number;
  } | null;
  /** the model lab's comparison of the space on screen (A) with a second space (B), or null */
  lab: LabSummary | null;
  /** what the dense model can read: its languages, the readable share of the corpus's and the query's letters, and the warning shown */
  language: { modelLanguages: string[]; corpusCoverage: number; queryCoverage: number | null; denseTrust: number; warning: string | null } | null;
  /** what the colours mean: the legend's entries (hidden ones shown: false), a numeric column's range, or why a column is not coloured */
  colour: {
    mode: string;
    column: string | null;
    legend: { key: number; name: string; count: number; shown: boolean }[];
    range: { min: number; max: number; missing: number } | null;
    tooManyValues: number | null;
  };
  /** the Columns panel: each metadata column's kind and what its filter keeps (null: no filter), and how many rows pass them all */
  filters: {
    columns: { name: string; kind: string; selected: [number, number] | string[] | null }[];
    shown: number;
    total: number;
  };
  /** the names on the scene: depth 1 once some cluster is named by its parts (the camera close enough), with every name shown */
  labels: { depth: number; shown: string[] };
  /** the user's tags, most used first */
  tags: { name: string; count: number }[];
  search: { text: string; matches: number };
  /** the chunks chosen with the lasso, the box or a legend entry */
  selection: { label: string; count: number; indices: number[]; onlyShown: boolean };
  /** long steps queued or running (adding, re-chunking, querying, switching model) */
  tasks: number;
  /** saves to IndexedDB: written so far, in flight, whether what is on screen is saved, and where the last saved workspace's vectors went (null before any) */
  saves: { written: number; pending: number; upToDate: boolean; vectorsIn: VectorsIn | null };
  /** the address bar: true while a change would replace the last history entry rather than add one */
  address: { coalescing: boolean };
  /** where the camera last came to rest; orthographic in the 2-D view */
  camera: { position: number[]; target: number[]; zoom: number; orthographic: boolean } | null;
  theme: string;
  helpOpen: boolean;
  /** the share link last made: its length in bytes, and whether it names its chunks by content hash (the demo's, or any) instead of carrying them */
  share: { length: number | null; referenced: boolean; demo: boolean };
  /** set when the vectors are a share link's PCA reduction: the model's dimensions they were reduced from */
  reducedFrom: number | null;
  /** how big the space on screen is: rows, points the last frame drew (not hidden by filters, not thinned out where they pile up at far zoom), a sampled layout's fitted and placed rows, how its vectors are held and their bytes */
  scale: {
    rows: number;
    drawn: number;
    sampledLayout: { fitted: number; placed: number } | null;
    vectorStorage: 'float32' | 'float16' | 'int8';
    /** how dense search scans them: as they are, or as an int8 copy whose top rows are rescored exactly (past 128 MiB) */
    denseScan: 'float32' | 'int8';
    /** vectors, norms, coordinates and dense search's copy of the vectors in its kernel */
    memoryBytes: number;
  };
  /** the vector database: its collections once connected, the collection the workspace holds, and its index's answer to the last query */
  vectorDb: {
    /** hosts besides its own origin that this page may connect to (its connect-src) */
    allowedHosts: string[];
    connected: boolean;
    collections: { name: string; count: number; dims: number | null; space: string }[];
    link: { collection: string; loaded: number; total: number; sampled: boolean; complete: boolean } | null;
    /** index and exact top k as chunk ids; missed: exact hits the index did not return; goldLost: gold rows exact search has in the top k and the index not */
    answer:
      | {
          query: string;
          k: number;
          recall: number | null;
          index: string[];
          exact: string[];
          exactRows: number[];
          missed: { id: string; exactRank: number }[];
          goldLost: number[];
          indexMs: number;
          exactMs: number;
        }
      | { unavailable: string }
      | null;
  };
}

/** Per space, a query set's measures under dense retrieval. */
interface LabScores {
  hit5: number;
  mrr: number;
  ndcg10: number;
}

export interface LabSummary {
  /** A (on screen) and B: what made each, and B's difference from A in words */
  spaces: {
    id: string;
    label: string;
    model: string;
    precision: string | null;
    pooling: string;
    dims: number;
    chunking: ChunkOptions;
    chunks: number;
    /** how its vectors are held, and their bytes */
    vectors: 'float32' | 'float16';
    bytes: number;
  }[];
  /** how much of each top 10 of B's vectors float16 keeps (sampled chunks among a sample); B is held as float16 when it keeps ≥ 99 % */
  float16: { keeps: number; queries: number; among: number } | null;
  view: 'a' | 'overlay' | 'side-by-side';
  /** B's layout aligned onto A's over the chunks both have; rmsd: RMS distance left, over A's RMS spread */
  alignment: { method: 'procrustes'; rmsd: number; shared: number } | null;
  /** per chunk, the Jaccard index of its k true neighbours (full vectors) in A and in B */
  neighbourOverlap: { k: number; mean: number; exact: boolean; perChunk: number[]; changedMost: { index: number; jaccard: number }[] };
  /** the query on screen answered in both spaces (when compared with space B): hits with their rank in each */
  query: { a: { index: number; rank: number }[]; b: { index: number; rank: number; rankInA: number | null }[] } | null;
  /** the evaluated query set answered in both spaces */
  evaluation: {
    name: string;
    count: number;
    a: LabScores;
    b: LabScores;
    /** per query, the reciprocal rank of its first relevant chunk in each space */
    rr: { a: number[]; b: number[] };
    /** queries (by index) where B's reciprocal rank is higher, lower, the same */
    deltas: { won: number[]; lost: number[]; tied: number[] };
    /** MRR of B less A's, with its paired-bootstrap 95% interval */
    mrrInterval: { mean: number; low: number; high: number; significant: boolean };
  } | null;
  /** a labelled-pairs file measured in both spaces (MTEB's measures; those that fit its format) */
  pairs: {
    file: string;
    format: string;
    /** rows measured, and usable rows in the file (a larger file is sampled) */
    n: number;
    usable: number;
    a: Record<string, number>;
    b: Record<string, number>;
    /** rows (file lines) each space gets wrong, worst first (scored pairs: those that disagree most with the scores) */
    worst: { a: number[]; b: number[] };
    notes: string[];
  } | null;
}
