// Embeds texts with the built-in model through transformers.js on onnxruntime-node (the native
// baseline), optionally cached on disk under .bench/ so that layout benchmarks re-run quickly.
import { AutoModel, AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { embedInBatches } from '../src/core/batching';
import { BUILTIN_MODEL } from '../src/core/models';
import { MODELS_DIR } from '../scripts/model/build';

export const NATIVE_BATCH = 16;

export interface NativeModel {
  /** one pass over the texts: the vectors, and the time it took per text */
  round(texts: string[]): Promise<{ vectors: Float32Array; msPerChunk: number }>;
  dispose(): Promise<void>;
}

export async function openNative(dtype: 'q8' | 'fp16' | 'fp32' = 'q8'): Promise<NativeModel> {
  env.allowRemoteModels = false;
  env.localModelPath = `${MODELS_DIR}/`;
  const tokenizer = await AutoTokenizer.from_pretrained(BUILTIN_MODEL.id);
  const model = await AutoModel.from_pretrained(BUILTIN_MODEL.id, { dtype, device: 'cpu' });
  const embed = async (batch: string[]) => (await model(tokenizer(batch, { padding: true, truncation: true }))).sentence_embedding as Tensor;
  await embed(Array.from({ length: NATIVE_BATCH }, (_, i) => `A warm-up sentence, number ${i}.`));
  return {
    async round(texts) {
      const started = performance.now();
      // the app's batching (texts of similar length together), so both sides do the same work
      const vectors = await embedInBatches(texts, async (batch) => (await embed(batch)).data as Float32Array, {
        batchSize: NATIVE_BATCH,
        dims: BUILTIN_MODEL.dims,
      });
      return { vectors, msPerChunk: (performance.now() - started) / texts.length };
    },
    dispose: async () => void (await model.dispose()),
  };
}

export async function cachedEmbeddings(texts: string[]): Promise<Float32Array> {
  const key = createHash('sha256').update(BUILTIN_MODEL.id).update(texts.join('\u0000')).digest('hex').slice(0, 16);
  const path = `.bench/vectors-${texts.length}-${key}.f32`;
  if (existsSync(path)) return new Float32Array(new Uint8Array(readFileSync(path)).buffer);
  console.log(`embedding ${texts.length} chunks natively (cached afterwards in ${path})…`);
  const native = await openNative();
  const { vectors } = await native.round(texts);
  await native.dispose();
  mkdirSync('.bench', { recursive: true });
  writeFileSync(path, new Uint8Array(vectors.buffer));
  return vectors;
}
