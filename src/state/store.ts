import { create } from 'zustand';
import {
  createClusterSlice,
  createCorpusSlice,
  createEmbeddingSlice,
  createEvaluationSlice,
  createLayoutSlice,
  createQuerySlice,
  createStatusSlice,
  createVectorDbSlice,
  createViewSlice,
} from './initialState';
import type { OrreryState } from './slices';

export const useOrreryStore = create<OrreryState>()((...a) => ({
  ...createStatusSlice(...a),
  ...createCorpusSlice(...a),
  ...createEmbeddingSlice(...a),
  ...createLayoutSlice(...a),
  ...createQuerySlice(...a),
  ...createEvaluationSlice(...a),
  ...createVectorDbSlice(...a),
  ...createClusterSlice(...a),
  ...createViewSlice(...a),
}));
