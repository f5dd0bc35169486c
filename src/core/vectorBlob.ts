// A big workspace's vectors as a Blob for IndexedDB, which cannot store shared memory. A Blob copies
// its parts when made, so one scratch slice serves them all: a fresh copy of each left 732 MB of
// garbage at 1,000,000 × 384. A Blob of a Blob and a slice refers to the first, not a copy.
import { allocateVectors, type VectorRows, type VectorStorage } from './vectors';

/** the slice copied at a time; vectors of this size or less are stored as they are */
export const BLOB_SLICE_BYTES = 16 * 2 ** 20;

/** The bytes of `vectors` as one Blob, copied `sliceBytes` at a time. */
export function vectorsBlob(vectors: VectorRows, sliceBytes = BLOB_SLICE_BYTES): Blob {
  const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  const scratch = new Uint8Array(Math.min(sliceBytes, bytes.length));
  let blob = new Blob([]);
  for (let from = 0; from < bytes.length; from += scratch.length) {
    const slice = scratch.subarray(0, Math.min(scratch.length, bytes.length - from));
    slice.set(bytes.subarray(from, from + slice.length));
    blob = new Blob([blob, slice]);
  }
  return blob;
}

/** Vectors read back from `vectorsBlob`'s Blob `sliceBytes` at a time, into shared memory where asked (the workspace's rows as they are, not a copy of a copy). */
export async function blobVectors(blob: Blob, storage: VectorStorage, shared: boolean, sliceBytes = BLOB_SLICE_BYTES): Promise<VectorRows> {
  const vectors = allocateVectors(blob.size / (storage === 'float16' ? 2 : 4), shared, storage);
  const bytes = new Uint8Array(vectors.buffer);
  for (let from = 0; from < blob.size; from += sliceBytes) bytes.set(new Uint8Array(await blob.slice(from, from + sliceBytes).arrayBuffer()), from);
  return vectors;
}
