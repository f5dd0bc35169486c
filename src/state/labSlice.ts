// The model lab's state: a second space of the corpus and how it differs from the one on screen.
import type { ChunkOptions } from '../core/chunking';
import type { ModelSource } from '../core/models';
import type { LAB_VIEWS } from '../core/snapshot/codec';
import type { ChunkMatch } from '../core/lab/matchChunks';
import type { PairedComparison } from '../core/lab/pairedComparison';
import type { PairResult } from '../core/lab/pairMeasures';
import type { PairFormat, PairItem } from '../core/lab/pairs';
import type { HalfPrecision } from '../core/lab/halfPrecision';
import type { Pooling } from '../core/pooling';
import type { QueryScores } from '../core/retrieval/metrics';
import type { SpaceId } from './workspace/data';

/** What space B is made of: a model (A's or one the app serves), its weights' precision, how its token outputs are pooled, how many leading dimensions are kept, how the documents are chunked, and the prefixes put before texts. */
export interface LabRecipe {
  model: string;
  /** where B's model is downloaded from: a mirror, or null (the Hub, or this app for a built-in model) */
  host: string | null;
  precision: string | null;
  pooling: Pooling;
  /** dimensions kept; 0: all the model makes (a model whose size is not known before it loads) */
  dims: number;
  chunking: ChunkOptions;
  /** what the model's input starts with, for queries and for passages */
  prefixes: { query: string; passage: string };
}

/** How the scene shows space B: not at all, aligned over A, or in a second scene beside A. */
export type LabView = (typeof LAB_VIEWS)[number];

/** The same query set answered in both spaces (dense retrieval). */
export interface QueryComparison {
  name: string;
  queries: string[];
  a: QueryScores;
  b: QueryScores;
  /** per query, reciprocal rank of the first relevant chunk */
  rrA: number[];
  rrB: number[];
  /** B against A on MRR: queries won, lost, tied, and the 95% interval of the difference */
  mrr: PairedComparison;
}

/** A labelled-pairs file measured in both spaces. */
export interface PairsComparison {
  file: string;
  format: PairFormat;
  /** usable rows in the file; `items` may be a sample of them */
  usable: number;
  notes: string[];
  texts: string[];
  items: PairItem[];
  /** the texts' vectors in A (texts × dims), for placing them in A's picture */
  vectorsA: Float32Array;
  a: PairResult;
  b: PairResult;
}

export interface LabComparison {
  /** the second space */
  space: SpaceId;
  recipe: LabRecipe;
  /** the model run that made B's vectors (null: A's vectors, cut) */
  run: ModelSource | null;
  /** B's chunks matched to A's by the characters they cover, when B is chunked otherwise (else row i is row i) */
  match: ChunkMatch | null;
  /** what each space is, in words (B: what differs from A) */
  labels: { a: string; b: string };
  /** true neighbours per chunk, in the full vectors (A's rows × k, B's rows × k) */
  k: number;
  neighboursA: Int32Array;
  neighboursB: Int32Array;
  /** false where a space was too large for an exact search (NN-descent found its neighbours) */
  exactNeighbours: boolean;
  /** per chunk of A, the Jaccard index of its k neighbours in A and in B */
  overlap: Float32Array;
  meanOverlap: number;
  /** chunks whose neighbourhoods changed the most, lowest overlap first */
  changedMost: number[];
  queries: QueryComparison | null;
  pairs: PairsComparison | null;
  /** how much of each top 10 float16 keeps of B's vectors (held as float16 when it keeps enough); null where not measured */
  half: HalfPrecision | null;
}

export interface LabSlice {
  lab: LabComparison | null;
  /** overlay: B's points over A's, and a line from each chunk's place in A to its place in B; side-by-side: B in a second scene, the cameras linked */
  labView: LabView;
}

export const createLabSlice = (): LabSlice => ({ lab: null, labView: 'a' });
