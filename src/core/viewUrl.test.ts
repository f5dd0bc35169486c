import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT } from './layoutRun';
import { parseViewFragment, viewFragment } from './viewUrl';

describe('the view in the address', () => {
  it('round trips the layout, query, open chunk and selection', () => {
    const state = {
      layout: { ...DEFAULT_LAYOUT.umap, neighbours: 30, minDist: 0.25, preReduce: null },
      query: 'How do black holes form? & why',
      open: 12,
      chosen: [14, 3, 4, 5, 6, 9],
    };
    const fragment = viewFragment(state);
    expect(fragment).toContain('chosen=3-6%2C9%2C14');
    expect(fragment.length).toBeLessThan(200);
    expect(parseViewFragment(fragment, 100)).toEqual({ ...state, chosen: [3, 4, 5, 6, 9, 14] });
    const pca = { layout: { ...DEFAULT_LAYOUT.pca, axes: [2, 0, 5] as [number, number, number], dims: 2 as const }, query: '', open: null, chosen: [] };
    expect(parseViewFragment(viewFragment(pca), 10)).toEqual(pca);
  });

  it('falls back to defaults for what is missing or out of range, and drops rows the workspace lacks', () => {
    const parsed = parseViewFragment('#view?method=tsne&perplexity=9999&iterations=abc&learningRate=auto&seed=-3&open=50&chosen=1-3,40-45,x,7-2,8', 42);
    expect(parsed!.layout).toEqual({ ...DEFAULT_LAYOUT.tsne, learningRate: 'auto' });
    expect(parsed!.open).toBeNull();
    expect(parsed!.chosen).toEqual([1, 2, 3, 8]);
    expect(parseViewFragment('#o2.abc', 10)).toBeNull();
    expect(parseViewFragment('#view?method=<script>', 10)!.layout).toEqual(DEFAULT_LAYOUT.pca);
    expect(parseViewFragment('#view?chosen=0-999999999', 5)!.chosen).toEqual([]);
  });
});
