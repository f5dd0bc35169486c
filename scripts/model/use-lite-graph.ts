// Builds the ONNX graph of Universal Sentence Encoder lite (the TF.js "KonaTransformer" graph) so
// that transformers.js can run it: inputs input_ids/attention_mask, output sentence_embedding.
// The math mirrors the TF graph node for node: embeddings + sinusoidal timing signal, two pre-norm
// transformer layers (4 heads; layer 0 widens 256 -> 512 through a dense residual), masked mean
// pooling, a tanh dense layer and L2 normalisation.
import { GraphBuilder, type Quantize, TOKEN_INPUTS } from './graph-builder';
import { DataType, type Graph } from './onnx-proto';
import type { TfjsWeights, Weight } from './tfjs-weights';

const MAX_TOKENS = 128;
const HEADS = 4;
export const EMBEDDING_DIMS = 512;

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
    inputs: TOKEN_INPUTS,
    outputs: [{ name: 'sentence_embedding', dataType: DataType.FLOAT, shape: ['batch_size', EMBEDDING_DIMS] }],
  };
}
