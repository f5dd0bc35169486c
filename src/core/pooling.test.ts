import { describe, expect, it } from 'vitest';
import { normalizeRows, poolTokens } from './pooling';

describe('poolTokens', () => {
  // batch 2, tokens 3, dims 2
  const hidden = new Float32Array([1, 2, 3, 4, 100, 100, 5, 6, 7, 8, 9, 10]);
  const mask = [1, 1, 0, 1, 1, 1];

  it('means over real tokens only', () => {
    expect(Array.from(poolTokens(hidden, mask, 2, 3, 2, 'mean'))).toEqual([2, 3, 7, 8]);
  });

  it('takes the first token for cls pooling', () => {
    expect(Array.from(poolTokens(hidden, mask, 2, 3, 2, 'cls'))).toEqual([1, 2, 5, 6]);
  });

  it('takes the element-wise max over real tokens only (padding of 100 ignored)', () => {
    const mixed = new Float32Array([1, 9, 3, 4, 100, 100, 5, 6, 7, 2, 9, -1]);
    expect(Array.from(poolTokens(mixed, mask, 2, 3, 2, 'max'))).toEqual([3, 9, 9, 6]);
  });

  it('takes the last real token for last-token pooling, not the padding after it', () => {
    expect(Array.from(poolTokens(hidden, mask, 2, 3, 2, 'last'))).toEqual([3, 4, 9, 10]);
  });

  it('accepts bigint masks as transformers.js returns them', () => {
    expect(Array.from(poolTokens(hidden, mask.map(BigInt), 2, 3, 2, 'mean'))).toEqual([2, 3, 7, 8]);
  });
});

describe('normalizeRows', () => {
  it('makes rows unit length and leaves zero rows alone', () => {
    const m = normalizeRows(new Float32Array([3, 4, 0, 0]), 2);
    expect(Array.from(m)).toEqual([0.6000000238418579, 0.800000011920929, 0, 0]);
  });
});
