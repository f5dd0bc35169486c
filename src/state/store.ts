import { create } from 'zustand';
import {
  createClusterSlice,
  createCorpusSlice,
  createEmbeddingSlice,
  createLayoutSlice,
  createQuerySlice,
  createSpacesSlice,
  createStatusSlice,
  createVectorDbSlice,
  createViewSlice,
} from './initialState';
import { createLabSlice } from './labSlice';
import type { OrreryState } from './slices';

export const useOrreryStore = create<OrreryState>()((...a) => ({
  ...createStatusSlice(...a),
  ...createCorpusSlice(...a),
  ...createEmbeddingSlice(...a),
  ...createLayoutSlice(...a),
  ...createQuerySlice(...a),
  ...createVectorDbSlice(...a),
  ...createClusterSlice(...a),
  ...createSpacesSlice(...a),
  ...createLabSlice(),
  ...createViewSlice(...a),
}));
