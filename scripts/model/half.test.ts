import { describe, expect, it } from 'vitest';
import { toHalf } from './graph-builder';

describe('toHalf', () => {
  it('encodes IEEE half-precision bits, rounding to nearest even', () => {
    const bits = Array.from(toHalf(Float32Array.from([1, -2, 0, 65504, 0.1, 5.960464477539063e-8, 1e-9, 1.0009765625, 1.00048828125])));
    expect(bits).toEqual([0x3c00, 0xc000, 0, 0x7bff, 0x2e66, 1, 0, 0x3c01, 0x3c00]);
  });
});
