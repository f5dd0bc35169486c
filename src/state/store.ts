import { create } from 'zustand';
import {
  createCorpusSlice,
  createEmbeddingSlice,
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
  ...createViewSlice(...a),
}));
