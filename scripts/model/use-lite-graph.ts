// Builds the ONNX graph of Universal Sentence Encoder lite (the TF.js "KonaTransformer" graph) so
// that transformers.js can run it: inputs input_ids/attention_mask, output sentence_embedding.
// The math mirrors the TF graph node for node: embeddings + sinusoidal timing signal, two pre-norm
// transformer layers (4 heads; layer 0 widens 256 -> 512 through a dense residual), masked mean
// pooling, a tanh dense layer and L2 normalisation.
import { DataType, type Graph, type Node, type Tensor } from './onnx-proto';
import type { TfjsWeights, Weight } from './tfjs-weights';

const MAX_TOKENS = 128;
const HEADS = 4;
export const EMBEDDING_DIMS = 512;

type Quantize = 'fp32' | 'fp16' | 'int8';

class GraphBuilder {
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

function weight2d(w: Weight): [number, number, Float32Array] {
  const shape = w.shape.filter((d, i) => !(d === 1 && i < w.shape.length - 2));
  if (shape.length !== 2) throw new Error(`not a matrix: ${w.shape}`);
  return [shape[0]!, shape[1]!, w.data];
}

export function buildUseLiteGraph(weights: TfjsWeights, quantize: Quantize): Graph {
  const g = new GraphBuilder(quantize);
  const layer = (i: number) => `Encode/Layer_${i}/TransformerLayer/`;
  const stack = (i: number) => `TransformerStack/Layer_${i}/TransformerLayer/`;

  const dense = (name: string, x: string, kernel: Weight, bias: Weight): string => {
    const [rows, cols, data] = weight2d(kernel);
    return g.op1('Add', [g.matmul(name, x, rows, cols, data), g.floatConst(`${name}_bias`, [cols], bias.data)]);
  };

  const layerNorm = (name: string, x: string, scale: Weight, bias: Weight): string =>
    g.op1('LayerNormalization', [x, g.floatConst(`${name}_scale`, [scale.shape[0]!], scale.data), g.floatConst(`${name}_bias`, [bias.shape[0]!], bias.data)], {
      axis: -1,
      epsilon: { float: weights.scalar('layer_norm/Cast/x') },
    });

  const lnOf = (i: number, part: '' | 'FFN/', x: string) =>
    layerNorm(
      `l${i}_${part ? 'ffn' : 'att'}_ln`,
      x,
      weights.get(`${layer(i)}${part}layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`),
      weights.get(`${layer(i)}${part}layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`),
    );

  const splitHeads = (x: string, headShape: string): string => g.op1('Transpose', [g.op1('Reshape', [x, headShape])], { perm: [0, 2, 1, 3] });

  const attention = (i: number, x: string, attentionBias: string): string => {
    const mha = `${layer(i)}MultiheadAttention/`;
    const normed = lnOf(i, '', x);
    const qkvKernel = weights.get(`${mha}qkv_transform_single/kernel/part_0`);
    const width = qkvKernel.shape[3]! / 3;
    const qkv = dense(`l${i}_qkv`, normed, qkvKernel, weights.get(`${mha}qkv_transform_single/bias/ConcatPartitions/concat`));
    const sizes = g.int64Const(`l${i}_split`, [width, width, width]);
    const [q, k, v] = g.op('Split', [qkv, sizes], { axis: -1 }, 3) as [string, string, string];
    const headShape = g.int64Const(`l${i}_heads`, [0, 0, HEADS, width / HEADS]);
    const queryScale = g.floatConst(`l${i}_qscale`, [], [weights.scalar(`${stack(i)}MultiheadAttention/mul/y`)]);
    const qh = g.op1('Mul', [splitHeads(q, headShape), queryScale]);
    const kT = g.op1('Transpose', [g.op1('Reshape', [k, headShape])], { perm: [0, 2, 3, 1] });
    const logits = g.op1('Add', [g.op1('MatMul', [qh, kT]), attentionBias]);
    const context = g.op1('MatMul', [g.op1('Softmax', [logits], { axis: -1 }), splitHeads(v, headShape)]);
    const merged = g.op1('Reshape', [g.op1('Transpose', [context], { perm: [0, 2, 1, 3] }), g.int64Const(`l${i}_merge`, [0, 0, width])]);
    return dense(
      `l${i}_out`,
      merged,
      weights.get(`${mha}output_transform_single/kernel/part_0`),
      weights.get(`${mha}output_transform_single/bias/ConcatPartitions/concat`),
    );
  };

  const feedForward = (i: number, x: string): string => {
    const normed = lnOf(i, 'FFN/', x);
    const conv = (n: 1 | 2) =>
      [weights.get(`${stack(i)}FFN/conv${n}/Tensordot/Reshape_1`), weights.get(`${layer(i)}FFN/conv${n}/bias/ConcatPartitions/concat`)] as const;
    const hidden = g.op1('Relu', [dense(`l${i}_ffn1`, normed, ...conv(1))]);
    return dense(`l${i}_ffn2`, hidden, ...conv(2));
  };

  // Inputs, clipped to the model's 128-token window as TF's ClipToMaxLength does.
  const sliceStart = g.int64Const('slice_start', [0]);
  const sliceEnd = g.int64Const('slice_end', [MAX_TOKENS]);
  const sliceAxis = g.int64Const('slice_axis', [1]);
  const ids = g.op1('Slice', ['input_ids', sliceStart, sliceEnd, sliceAxis]);
  const mask = g.op1('Cast', [g.op1('Slice', ['attention_mask', sliceStart, sliceEnd, sliceAxis])], { to: DataType.FLOAT });

  // Token embeddings plus the sinusoidal timing signal of each position.
  const table = weights.get('module/Embeddings_en');
  const embeddings = g.rows('embeddings', table.shape[0]!, table.shape[1]!, table.data, ids);
  const invTimescales = weights.get('AddTimingSignal/TimingSignal/ExpandDims_1');
  const length = g.op1('Cast', [g.op1('Gather', [g.op1('Shape', [ids]), g.int64Const('one', [1], [])], { axis: 0 })], { to: DataType.FLOAT });
  const positions = g.op1('Range', [g.floatConst('zero_f', [], [0]), length, g.floatConst('one_f', [], [1])]);
  const angles = g.op1('Mul', [
    g.op1('Unsqueeze', [positions, g.int64Const('axis_last', [1])]),
    g.floatConst('inv_timescales', invTimescales.shape, invTimescales.data),
  ]);
  const timing = g.op1('Concat', [g.op1('Sin', [angles]), g.op1('Cos', [angles])], { axis: 1 });
  // The TF graph adds the embeddings twice: once scattered alone, once inside AddTimingSignal.
  const x0 = g.op1('Add', [embeddings, g.op1('Add', [embeddings, timing])]);

  // Padding gets a large negative bias so that no query attends to it.
  const attentionBias = g.op1('Unsqueeze', [
    g.op1('Mul', [g.op1('Sub', [g.floatConst('one_f2', [], [1]), mask]), g.floatConst('neg_inf', [], [weights.scalar('attention_bias_ignore_padding/mul/y')])]),
    g.int64Const('bias_axes', [1, 2]),
  ]);

  // Layer 0 widens the residual stream from 256 to 512 with a dense projection.
  const widened = dense(
    'l0_residual',
    x0,
    weights.get(`${layer(0)}dense/kernel/ConcatPartitions/concat`),
    weights.get(`${layer(0)}dense/bias/ConcatPartitions/concat`),
  );
  let h = g.op1('Add', [attention(0, x0, attentionBias), widened]);
  h = g.op1('Add', [h, feedForward(0, h)]);
  h = g.op1('Add', [h, attention(1, h, attentionBias)]);
  h = g.op1('Add', [h, feedForward(1, h)]);

  // Masked mean over tokens, tanh dense layer, L2 normalisation.
  const maskColumn = g.op1('Unsqueeze', [mask, g.int64Const('mask_axis', [2])]);
  const summed = g.op1('ReduceSum', [g.op1('Mul', [h, maskColumn]), g.int64Const('token_axis', [1])], { keepdims: 0 });
  const count = g.op1('Max', [g.op1('ReduceSum', [mask, g.int64Const('token_axis2', [1])], { keepdims: 1 }), g.floatConst('one_f3', [], [1])]);
  const pooled = g.op1('Div', [summed, count]);
  const hidden = g.op1('Tanh', [dense('tanh', pooled, weights.get('hidden_layers/tanh_layer_0/weights'), weights.get('hidden_layers/tanh_layer_0/bias'))]);
  const sumSquares = g.op1('ReduceSum', [g.op1('Mul', [hidden, hidden]), g.int64Const('feature_axis', [1])], { keepdims: 1 });
  const epsilon = g.floatConst('l2_eps', [], [weights.scalar('l2_normalize/Maximum/y')]);
  const invNorm = g.op1('Reciprocal', [g.op1('Sqrt', [g.op1('Max', [sumSquares, epsilon])])]);
  g.nodes.push({ opType: 'Mul', inputs: [hidden, invNorm], outputs: ['sentence_embedding'], name: 'l2_normalize' });

  return {
    name: 'use_lite',
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: [
      { name: 'input_ids', dataType: DataType.INT64, shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', dataType: DataType.INT64, shape: ['batch_size', 'sequence_length'] },
    ],
    outputs: [{ name: 'sentence_embedding', dataType: DataType.FLOAT, shape: ['batch_size', EMBEDDING_DIMS] }],
  };
}
