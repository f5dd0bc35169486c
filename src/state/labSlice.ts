// The model lab's state: a second space of the corpus and how it differs from the one on screen.
import type { PairedComparison } from '../core/lab/pairedComparison';
import type { Pooling } from '../core/pooling';
import type { QueryScores } from '../core/retrieval/metrics';
import type { SpaceId } from './workspace/data';

/** What the second space changes: the model (one the app serves), the weights' precision, or a cut to the vectors' first dimensions. */
export type SpaceDifference =
  { kind: 'model'; model: string } | { kind: 'precision'; precision: string } | { kind: 'pooling'; pooling: Pooling } | { kind: 'dims'; dims: number };

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

export interface LabComparison {
  /** the second space */
  space: SpaceId;
  difference: SpaceDifference;
  /** what each space is, in words */
  labels: { a: string; b: string };
  /** true neighbours per chunk, in the full vectors */
  k: number;
  neighboursA: Int32Array;
  neighboursB: Int32Array;
  /** per chunk, the Jaccard index of its k neighbours in A and in B */
  overlap: Float32Array;
  meanOverlap: number;
  /** chunks whose neighbourhoods changed the most, lowest overlap first */
  changedMost: number[];
  queries: QueryComparison | null;
}

export interface LabSlice {
  lab: LabComparison | null;
  /** B's picture drawn over A's: its points, and a line from each chunk's place in A to its place in B */
  labOverlay: boolean;
  /** B in a second scene beside A, the cameras linked */
  labSideBySide: boolean;
}

export const createLabSlice = (): LabSlice => ({ lab: null, labOverlay: false, labSideBySide: false });
