import { create } from 'zustand';
import {
  createCorpusSlice,
  createEmbeddingSlice,
  createEvaluationSlice,
  createLayoutSlice,
  createQuerySlice,
  createStatusSlice,
  createViewSlice,
  type OrreryState,
} from './slices';

export const useOrreryStore = create<OrreryState>()((...a) => ({
  ...createStatusSlice(...a),
  ...createCorpusSlice(...a),
  ...createEmbeddingSlice(...a),
  ...createLayoutSlice(...a),
  ...createQuerySlice(...a),
  ...createEvaluationSlice(...a),
  ...createViewSlice(...a),
}));
