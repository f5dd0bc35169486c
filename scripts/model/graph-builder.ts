// Building ONNX graphs by hand: named ops, constants, and weights stored as fp32, fp16 or int8
// (matrices and embedding tables), shared by the built-in models' graphs.
import { DataType, type Node, type Tensor, type ValueInfo } from './onnx-proto';

/** What the tokenizer gives a transformers.js model: token ids and the attention mask. */
export const TOKEN_INPUTS: ValueInfo[] = [
  { name: 'input_ids', dataType: DataType.INT64, shape: ['batch_size', 'sequence_length'] },
  { name: 'attention_mask', dataType: DataType.INT64, shape: ['batch_size', 'sequence_length'] },
];

export type Quantize = 'fp32' | 'fp16' | 'int8';

export class GraphBuilder {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];
  private counter = 0;

  constructor(private readonly quantize: Quantize) {}

  op(opType: string, inputs: string[], attributes?: Node['attributes'], outputCount = 1): string[] {
    const id = `${opType}_${this.counter++}`;
    const outputs = Array.from({ length: outputCount }, (_, i) => `${id}_out${i}`);
    this.nodes.push({ opType, inputs, outputs, name: id, attributes });
    return outputs;
  }

  op1(opType: string, inputs: string[], attributes?: Node['attributes']): string {
    return this.op(opType, inputs, attributes)[0]!;
  }

  floatConst(name: string, dims: number[], data: Float32Array | number[]): string {
    this.initializers.push({ name, dataType: DataType.FLOAT, dims, data: Float32Array.from(data) });
    return name;
  }

  int64Const(name: string, values: number[], dims: number[] = [values.length]): string {
    this.initializers.push({ name, dataType: DataType.INT64, dims, data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  }

  /** A weight matrix for fp32 or fp16 graphs: as is, or stored in half precision and cast back to fp32. */
  private matrix(name: string, rows: number, cols: number, data: Float32Array): string {
    if (this.quantize === 'fp32') return this.floatConst(name, [rows, cols], data);
    return this.op1('Cast', [this.halfConst(name, [rows, cols], data)], { to: DataType.FLOAT });
  }

  private halfConst(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({ name: `${name}_half`, dataType: DataType.FLOAT16, dims, data: toHalf(data) });
    return `${name}_half`;
  }

  /**
   * x·W. In int8, as dynamically quantized models are: the activations are quantized per call
   * (uint8), multiplied in integers against int8 weights with a scale per output column, and
   * rescaled — ONNX Runtime runs this as one integer GEMM, on WASM too.
   */
  matmul(name: string, x: string, rows: number, cols: number, data: Float32Array): string {
    if (this.quantize !== 'int8') return this.op1('MatMul', [x, this.matrix(name, rows, cols, data)]);
    const [signed, scales] = this.int8(name, rows, cols, data, 1);
    // the weights as uint8 around a zero point of 128: x86 CPUs without VNNI multiply u8 × s8 in
    // pairs summed into int16, which saturates (cosine 0.985 on an AMD EPYC); u8 × u8 is widened first
    const q = `${name}_u8`;
    const initializer = this.initializers.find((t) => t.name === signed)!;
    this.initializers.push({ name: q, dataType: DataType.UINT8, dims: [rows, cols], data: Uint8Array.from(initializer.data as Int8Array, (v) => v + 128) });
    this.initializers.splice(this.initializers.indexOf(initializer), 1);
    this.initializers.push({ name: `${name}_zero`, dataType: DataType.UINT8, dims: [cols], data: new Uint8Array(cols).fill(128) });
    const [xq, xScale, xZero] = this.op('DynamicQuantizeLinear', [x], undefined, 3) as [string, string, string];
    const product = this.op1('MatMulInteger', [xq, q, xZero, `${name}_zero`]);
    return this.op1('Mul', [this.op1('Cast', [product], { to: DataType.FLOAT }), this.op1('Mul', [xScale, scales])]);
  }

  /**
   * The rows of a table picked by `ids` (an embedding lookup). Quantized tables are gathered
   * first and only the picked rows converted: the runtime would otherwise dequantize the whole
   * table on every call.
   */
  rows(name: string, rows: number, cols: number, data: Float32Array, ids: string): string {
    if (this.quantize === 'fp32') return this.op1('Gather', [this.floatConst(name, [rows, cols], data), ids], { axis: 0 });
    if (this.quantize === 'fp16') {
      return this.op1('Cast', [this.op1('Gather', [this.halfConst(name, [rows, cols], data), ids], { axis: 0 })], { to: DataType.FLOAT });
    }
    const [q, scales] = this.int8(name, rows, cols, data, 0);
    const picked = this.op1('Cast', [this.op1('Gather', [q, ids], { axis: 0 })], { to: DataType.FLOAT });
    const rowScales = this.op1('Unsqueeze', [this.op1('Gather', [scales, ids], { axis: 0 }), this.int64Const(`${name}_scale_axis`, [-1])]);
    return this.op1('Mul', [picked, rowScales]);
  }

  private int8(name: string, rows: number, cols: number, data: Float32Array, axis: 0 | 1, limit = 127): [string, string] {
    const channels = axis === 0 ? rows : cols;
    const scales = new Float32Array(channels);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const ch = axis === 0 ? r : c;
        scales[ch] = Math.max(scales[ch]!, Math.abs(data[r * cols + c]!));
      }
    }
    for (let i = 0; i < channels; i++) scales[i] = scales[i]! > 0 ? scales[i]! / limit : 1;
    const q = new Int8Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const s = scales[axis === 0 ? r : c]!;
        q[r * cols + c] = Math.max(-limit, Math.min(limit, Math.round(data[r * cols + c]! / s)));
      }
    }
    this.initializers.push({ name: `${name}_q`, dataType: DataType.INT8, dims: [rows, cols], data: q });
    this.floatConst(`${name}_scale`, [channels], scales);
    return [`${name}_q`, `${name}_scale`];
  }
}

/** IEEE 754 half-precision bits of each value, rounded to nearest even. */
export function toHalf(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i]!;
    const x = u32[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exponent = ((x >>> 23) & 0xff) - 127 + 15;
    let mantissa = x & 0x7fffff;
    if (exponent >= 31) {
      out[i] = sign | 0x7c00; // too large: infinity (weights never are)
    } else if (exponent <= 0) {
      // subnormal half, or zero
      if (exponent < -10) out[i] = sign;
      else {
        mantissa |= 0x800000;
        const shift = 14 - exponent;
        let half = mantissa >>> shift;
        const rest = mantissa & ((1 << shift) - 1);
        const halfway = 1 << (shift - 1);
        if (rest > halfway || (rest === halfway && half & 1)) half++;
        out[i] = sign | half;
      }
    } else {
      let half = (exponent << 10) | (mantissa >>> 13);
      const rest = mantissa & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
      out[i] = sign | half;
    }
  }
  return out;
}
