// x^p for positive x via table-driven log2 and exp2 on the bits of a double: about 2e-4 relative
// error, several times faster than Math.pow in V8. For the UMAP gradient, where it is called
// tens of millions of times and that error is far below the noise of stochastic descent.

const TABLE_BITS = 12;
const TABLE_SIZE = 1 << TABLE_BITS;
const LOG2_MANTISSA = Float64Array.from({ length: TABLE_SIZE + 1 }, (_, i) => Math.log2(1 + i / TABLE_SIZE));
const EXP2_FRACTION = Float64Array.from({ length: TABLE_SIZE + 1 }, (_, i) => 2 ** (i / TABLE_SIZE));
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// the high word of a double is element 1 on little-endian machines (all that run browsers today)
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

export function fastLog2(x: number): number {
  f64[0] = x;
  const hi = u32[HI]!;
  const exponent = (hi >>> 20) - 1023;
  // top 20 mantissa bits: table index and interpolation fraction
  const mantissa = hi & 0xfffff;
  const index = mantissa >>> (20 - TABLE_BITS);
  const fraction = (mantissa & ((1 << (20 - TABLE_BITS)) - 1)) / (1 << (20 - TABLE_BITS));
  const lo = LOG2_MANTISSA[index]!;
  return exponent + lo + (LOG2_MANTISSA[index + 1]! - lo) * fraction;
}

export function fastExp2(y: number): number {
  if (y < -1020) return 0;
  if (y > 1020) return Infinity;
  const whole = Math.floor(y);
  const position = (y - whole) * TABLE_SIZE;
  const index = position | 0;
  const lo = EXP2_FRACTION[index]!;
  const value = lo + (EXP2_FRACTION[index + 1]! - lo) * (position - index);
  u32[HI] = (whole + 1023) << 20;
  u32[LO] = 0;
  return value * f64[0]!;
}

/** x^p for x > 0. */
export function fastPow(x: number, p: number): number {
  return fastExp2(p * fastLog2(x));
}
