// A tiny WebAssembly assembler: the instruction bytes the dot-product kernels use, and a module of
// one exported function `dots(vectors, query, out, count, dims)` (five i32 parameters, no result)
// with its memory exported as `memory`. Assembled at load: no build step, no file to fetch.

// instruction bytes
export const LOCAL_GET = 0x20;
export const LOCAL_SET = 0x21;
export const LOCAL_TEE = 0x22;
export const I32_CONST = 0x41;
export const I32_ADD = 0x6a;
export const I32_SHL = 0x74;
export const I32_EQZ = 0x45;
export const I32_LT_U = 0x49;
export const F32_ADD = 0x92;
export const F32_STORE = 0x38;
export const BLOCK = 0x02;
export const LOOP = 0x03;
export const END = 0x0b;
export const BR_IF = 0x0d;
export const EMPTY = 0x40;
export const SIMD = 0xfd;
export const V128_LOAD = [SIMD, 0x00];
export const V128_CONST = [SIMD, 0x0c];
export const F32X4_EXTRACT_LANE = [SIMD, 0x1f];
export const F32X4_ADD = [SIMD, 0xe4, 0x01];
export const F32X4_MUL = [SIMD, 0xe6, 0x01];
export const I32X4_ADD = [SIMD, 0xae, 0x01];
export const I32X4_EXTRACT_LANE = [SIMD, 0x1b];
export const I32X4_DOT_I16X8_S = [SIMD, 0xba, 0x01];
export const I16X8_EXTEND_LOW_I8X16_S = [SIMD, 0x87, 0x01];
export const I16X8_EXTEND_HIGH_I8X16_S = [SIMD, 0x88, 0x01];
export const I32_STORE = 0x36;
export const I32 = 0x7f;
export const V128 = 0x7b;

/** Unsigned LEB128. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
export const name = (text: string) => [...leb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

/** The module bytes around one function body (its locals and instructions, ending in END). */
export function dotsModule(body: number[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name('dots'), 0, 0, ...name('memory'), 2, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** The module's function and memory, or null where WebAssembly SIMD is missing. */
export function instantiate(
  module: Uint8Array<ArrayBuffer>,
): { dots: (vectors: number, query: number, out: number, count: number, dims: number) => void; memory: WebAssembly.Memory } | null {
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(module)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(module));
  return { dots: instance.exports.dots as never, memory: instance.exports.memory as WebAssembly.Memory };
}

export const PAGE = 65536;
