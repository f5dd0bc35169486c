import { describe, expect, it } from 'vitest';
import {
  BUILTIN_MODEL,
  customModel,
  embeddingKey,
  invalidModelId,
  MODEL_CATALOGUE,
  truncateVectors,
  wasmCopies,
  withPrefix,
  WORD_VECTOR_MODELS,
} from './models';

describe('model catalogue', () => {
  it('records what each model needs, with the built-in model first', () => {
    expect(MODEL_CATALOGUE[0]).toBe(BUILTIN_MODEL);
    const ids = MODEL_CATALOGUE.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of MODEL_CATALOGUE) {
      expect(m.dims).toBeGreaterThan(0);
      expect(m.maxTokens).toBeGreaterThan(0);
      expect(m.languages.length).toBeGreaterThan(0);
      expect(m.licence).not.toBe('');
      if (m.matryoshka) expect(m.matryoshka[0]).toBe(m.dims);
    }
    // served by the app itself: USE lite and the two word-vector models
    expect(MODEL_CATALOGUE.filter((m) => m.builtIn).map((m) => m.id)).toEqual([BUILTIN_MODEL.id, ...WORD_VECTOR_MODELS.map((m) => m.id)]);
  });

  it('applies the query and passage prefixes each model was trained with', () => {
    const e5 = MODEL_CATALOGUE.find((m) => m.id.endsWith('multilingual-e5-small'))!;
    expect(withPrefix(e5, 'query', 'what is RAG')).toBe('query: what is RAG');
    expect(withPrefix(e5, 'passage', 'RAG is…')).toBe('passage: RAG is…');
    const zh = MODEL_CATALOGUE.find((m) => m.id.endsWith('bge-small-zh-v1.5'))!;
    expect(withPrefix(zh, 'query', '银河')).toBe('为这个句子生成表示以用于检索相关文章：银河');
    expect(withPrefix(zh, 'passage', '银河')).toBe('银河');
    expect(withPrefix(BUILTIN_MODEL, 'query', 'x')).toBe('x');
  });

  it('checks custom model ids and builds an entry for them', () => {
    expect(invalidModelId('owner/model-name.v2')).toBeNull();
    expect(invalidModelId('')).toMatch(/Type a model id/);
    expect(invalidModelId('no-slash')).toMatch(/owner\/name/);
    expect(invalidModelId('https://evil.example/x')).toMatch(/owner\/name/);
    expect(customModel(' me/my-model ', 'cls')).toMatchObject({ id: 'me/my-model', pooling: 'cls', dims: 0, builtIn: false });
  });

  it('keys the embedding cache by model, precision and the prefixed text', () => {
    expect(embeddingKey('a/b', 'q8', 'query: x')).not.toBe(embeddingKey('a/b', 'q8', 'passage: x'));
    expect(embeddingKey('a/b', 'q8', 'x')).not.toBe(embeddingKey('a/b', 'fp32', 'x'));
    expect(embeddingKey('a/b', 'q8', 'x')).toBe(embeddingKey('a/b', 'q8', 'x'));
  });
});

describe('Matryoshka truncation', () => {
  it('keeps the first dimensions and makes each row unit length', () => {
    const out = truncateVectors(Float32Array.from([3, 4, 100, 0, 0, 2, 9, 9]), 4, 2);
    expect(Array.from(out)).toEqual([0.6, 0.8, 0, 1].map(Math.fround));
  });

  it('layer-normalises first when the model asks for it, and leaves full-size vectors alone', () => {
    const row = Float32Array.from([1, 2, 3, 4]);
    const out = truncateVectors(row, 4, 2, true);
    // (1 - 2.5) and (2 - 2.5), same sign: a unit vector pointing down both axes
    expect(out[0]! / out[1]!).toBeCloseTo(3, 5);
    expect(Math.hypot(out[0]!, out[1]!)).toBeCloseTo(1, 6);
    expect(truncateVectors(row, 4, 4)).toBe(row);
  });

  it('lists the precisions each model has', () => {
    expect(BUILTIN_MODEL.dtypes).toEqual(['fp32', 'fp16', 'q8']);
    for (const m of MODEL_CATALOGUE) expect(m.dtypes).toContain('q8');
  });
});

describe('copies of a model on WASM', () => {
  const sized = (sizeMB: number) => ({ ...BUILTIN_MODEL, sizeMB });

  it('runs a small model once per core, at most four times', () => {
    expect(wasmCopies(BUILTIN_MODEL, 'q8', 2)).toBe(2);
    expect(wasmCopies(BUILTIN_MODEL, undefined, 16)).toBe(4);
    expect(wasmCopies(BUILTIN_MODEL, 'fp32', 1)).toBe(1);
  });

  it('runs fewer copies of large weights, counting full precision as larger', () => {
    expect(wasmCopies(sized(137), 'q8', 8)).toBe(2);
    expect(wasmCopies(sized(137), 'fp32', 8)).toBe(1);
    expect(wasmCopies(sized(309), 'q8', 8)).toBe(1);
  });

  it('runs one copy of a model whose size is unknown', () => {
    expect(wasmCopies(customModel('someone/model', 'mean'), 'q8', 8)).toBe(1);
  });
});
