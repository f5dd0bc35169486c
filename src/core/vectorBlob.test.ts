import { describe, expect, it } from 'vitest';
import { blobVectors, vectorsBlob } from './vectorBlob';
import { storageOf } from './vectors';

describe('vectors stored as a Blob', () => {
  it('holds every byte of the vectors in order, through a scratch slice reused for each part', async () => {
    const vectors = Float32Array.from({ length: 1_000 }, (_, i) => i / 7 - 3);
    const blob = vectorsBlob(vectors, 64);
    expect(blob.size).toBe(vectors.byteLength);
    expect(new Float32Array(await blob.arrayBuffer())).toEqual(vectors);
  });

  it('reads a view of shared memory, from its own offset', async () => {
    const shared = new Float32Array(new SharedArrayBuffer(40));
    shared.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const view = shared.subarray(2, 7);
    expect(Array.from(new Float32Array(await vectorsBlob(view, 8).arrayBuffer()))).toEqual([3, 4, 5, 6, 7]);
  });

  it('is read back slice by slice into shared memory, as float32 or float16', async () => {
    const vectors = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i));
    const back = await blobVectors(vectorsBlob(vectors, 64), 'float32', true, 100);
    expect(back.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Float32Array.from(back)).toEqual(vectors);
    const half = new Float16Array(vectors);
    const halfBack = await blobVectors(vectorsBlob(half, 64), 'float16', false, 96);
    expect(storageOf(halfBack)).toBe('float16');
    expect(Array.from(halfBack)).toEqual(Array.from(half));
  });
});
