import { describe, expect, it } from 'vitest';
import { DEFAULT_CHUNKING } from './chunking';
import { DEFAULT_LAYOUT } from './layoutRun';
import { DEFAULT_RETRIEVAL } from './retrieval/retrieve';
import { chunkingFrom, layoutParamsFrom, retrievalFrom } from './settingsFrom';

describe('settings from someone else', () => {
  it('reads a share link’s layout parameters the same way', () => {
    expect(layoutParamsFrom({ method: 'umap', neighbours: 40, minDist: 2, metric: 'euclidean', extra: 1 })).toEqual({
      ...DEFAULT_LAYOUT.umap,
      neighbours: 40,
      metric: 'euclidean',
    });
    expect(layoutParamsFrom({ method: 'pca', axes: [0, 1, 99] })).toEqual(DEFAULT_LAYOUT.pca);
  });

  it('keeps a link’s retriever, metric and top k when they make sense, the defaults otherwise', () => {
    expect(retrievalFrom({ retriever: 'hybrid', metric: 'dot', topK: 12 })).toEqual({ ...DEFAULT_RETRIEVAL, retriever: 'hybrid', metric: 'dot', topK: 12 });
    expect(retrievalFrom({ retriever: 'grep', metric: null, topK: 1000, mmr: { on: true } })).toEqual(DEFAULT_RETRIEVAL);
  });

  it('keeps a link’s chunking when it makes sense: an overlap as large as the chunk, or odd separators, fall back', () => {
    expect(chunkingFrom({ strategy: 'recursive', size: 300, overlap: 30, separators: ['\n\n', ''] })).toEqual({
      strategy: 'recursive',
      size: 300,
      overlap: 30,
      separators: ['\n\n', ''],
    });
    expect(chunkingFrom({ strategy: 'magic', size: 40, overlap: 40, separators: [1] })).toEqual({ ...DEFAULT_CHUNKING, size: 40, overlap: 39 });
    expect(chunkingFrom({})).toEqual(DEFAULT_CHUNKING);
  });
});
