import { describe, expect, it } from 'vitest';
import { textHash } from './hash';

describe('textHash', () => {
  it('is stable, and differs for near-identical texts', () => {
    expect(textHash('The orbit of Mars.')).toBe(textHash('The orbit of Mars.'));
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(textHash(`chunk ${i} of the corpus`));
    expect(seen.size).toBe(20_000);
    expect(textHash('ab')).not.toBe(textHash('ba'));
    expect(textHash('')).not.toBe(textHash(' '));
  });
});
