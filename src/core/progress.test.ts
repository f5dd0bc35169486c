import { describe, expect, it } from 'vitest';
import { embeddingProgress, formatEta } from './progress';

describe('embeddingProgress', () => {
  it('shows count, rate and time left', () => {
    expect(embeddingProgress(120, 500, 30)).toBe('Embedding 120 / 500 · 30 chunks/s · 13 s left');
    expect(embeddingProgress(5, 500, 2.5)).toBe('Embedding 5 / 500 · 2.5 chunks/s · 3 min 18 s left');
  });

  it('shows only the count before anything is measured, and no time left at the end', () => {
    expect(embeddingProgress(0, 50, null)).toBe('Embedding 0 / 50');
    expect(embeddingProgress(50, 50, 50)).toBe('Embedding 50 / 50 · 50 chunks/s');
  });

  it('formats seconds and minutes', () => {
    expect(formatEta(0.2)).toBe('1 s left');
    expect(formatEta(125)).toBe('2 min 5 s left');
  });
});
